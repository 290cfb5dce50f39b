/* json.h - a minimal JSON reader, enough for safetensors headers (internal). */
#ifndef TFC_JSON_H
#define TFC_JSON_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    TFC_JSON_NULL,
    TFC_JSON_BOOL,
    TFC_JSON_NUMBER,
    TFC_JSON_STRING,
    TFC_JSON_ARRAY,
    TFC_JSON_OBJECT
} tfc_json_kind;

typedef struct tfc_json {
    tfc_json_kind kind;
    char *key;        /* member name when inside an object (NUL-terminated) */
    size_t key_len;
    int boolean;      /* TFC_JSON_BOOL */
    int is_uint;      /* TFC_JSON_NUMBER: a non-negative integer that fits */
    uint64_t uint;    /*   its value when is_uint */
    double number;    /* TFC_JSON_NUMBER: the value as a double */
    char *str;        /* TFC_JSON_STRING: decoded UTF-8, NUL-terminated */
    size_t str_len;   /*   its length (may contain NULs if escaped as \u0000) */
    struct tfc_json *items; /* ARRAY elements / OBJECT members (with key) */
    size_t count;
} tfc_json;

/* Nesting deeper than this is rejected (no unbounded recursion). */
#define TFC_JSON_MAX_DEPTH 64

/*
 * Parses text[0..len) (no NUL needed; leading/trailing whitespace allowed).
 * Objects with duplicate keys are rejected. On success *out is the root
 * (free with tfc_json_free) and 0 is returned; on failure -1 is returned and
 * err holds a message with the byte offset.
 */
int tfc_json_parse(const char *text, size_t len, tfc_json **out, char *err,
                   size_t err_size);
void tfc_json_free(tfc_json *root);

/* Member `key` of an object, or NULL. */
const tfc_json *tfc_json_get(const tfc_json *obj, const char *key);

#endif
