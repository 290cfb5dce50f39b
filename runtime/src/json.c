/* json.c - a minimal, bounds-checked JSON reader (RFC 8259) for headers. */
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *s;
    size_t len, pos;
    char *err;
    size_t err_size;
} parser;

static int fail(parser *p, const char *msg)
{
    if (p->err && p->err_size)
        snprintf(p->err, p->err_size, "%s at byte %zu", msg, p->pos);
    return -1;
}

static void skip_ws(parser *p)
{
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->pos++;
    }
}

static void free_value(tfc_json *v)
{
    free(v->key);
    free(v->str);
    for (size_t i = 0; i < v->count; i++)
        free_value(&v->items[i]);
    free(v->items);
}

void tfc_json_free(tfc_json *root)
{
    if (root) {
        free_value(root);
        free(root);
    }
}

static int hex4(parser *p, unsigned *out)
{
    if (p->len - p->pos < 4)
        return fail(p, "truncated \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p->s[p->pos++];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return fail(p, "bad hex digit in \\u escape");
    }
    *out = v;
    return 0;
}

/* Parses a string at p->pos (the opening quote) into a malloc'd buffer. */
static int parse_string(parser *p, char **out, size_t *out_len)
{
    p->pos++; /* opening quote */
    /* The decoded string is never longer than the raw text. */
    size_t start = p->pos, cap = 1;
    size_t end = start;
    while (end < p->len && p->s[end] != '"') {
        if (p->s[end] == '\\')
            end++;
        end++;
    }
    if (end >= p->len)
        return fail(p, "unterminated string");
    cap += end - start;
    char *buf = malloc(cap);
    if (!buf)
        return fail(p, "out of memory");
    size_t n = 0;
    while (p->pos < p->len) {
        unsigned char c = (unsigned char)p->s[p->pos];
        if (c == '"') {
            p->pos++;
            buf[n] = '\0';
            *out = buf;
            *out_len = n;
            return 0;
        }
        if (c < 0x20) {
            free(buf);
            return fail(p, "control character in string");
        }
        p->pos++;
        if (c != '\\') {
            buf[n++] = (char)c;
            continue;
        }
        if (p->pos >= p->len)
            break;
        char e = p->s[p->pos++];
        unsigned cp;
        switch (e) {
        case '"': buf[n++] = '"'; continue;
        case '\\': buf[n++] = '\\'; continue;
        case '/': buf[n++] = '/'; continue;
        case 'b': buf[n++] = '\b'; continue;
        case 'f': buf[n++] = '\f'; continue;
        case 'n': buf[n++] = '\n'; continue;
        case 'r': buf[n++] = '\r'; continue;
        case 't': buf[n++] = '\t'; continue;
        case 'u':
            if (hex4(p, &cp)) {
                free(buf);
                return -1;
            }
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo;
                if (p->len - p->pos < 2 || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u') {
                    free(buf);
                    return fail(p, "unpaired surrogate in \\u escape");
                }
                p->pos += 2;
                if (hex4(p, &lo)) {
                    free(buf);
                    return -1;
                }
                if (lo < 0xDC00 || lo > 0xDFFF) {
                    free(buf);
                    return fail(p, "unpaired surrogate in \\u escape");
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                free(buf);
                return fail(p, "unpaired surrogate in \\u escape");
            }
            /* UTF-8 is at most 4 bytes; the escape used at least 6. */
            if (cp < 0x80) {
                buf[n++] = (char)cp;
            } else if (cp < 0x800) {
                buf[n++] = (char)(0xC0 | (cp >> 6));
                buf[n++] = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                buf[n++] = (char)(0xE0 | (cp >> 12));
                buf[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                buf[n++] = (char)(0x80 | (cp & 0x3F));
            } else {
                buf[n++] = (char)(0xF0 | (cp >> 18));
                buf[n++] = (char)(0x80 | ((cp >> 12) & 0x3F));
                buf[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                buf[n++] = (char)(0x80 | (cp & 0x3F));
            }
            continue;
        default:
            free(buf);
            return fail(p, "bad escape in string");
        }
    }
    free(buf);
    return fail(p, "unterminated string");
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int parse_number(parser *p, tfc_json *v)
{
    size_t start = p->pos;
    int negative = 0, integral = 1;
    if (p->pos < p->len && p->s[p->pos] == '-') {
        negative = 1;
        p->pos++;
    }
    if (p->pos >= p->len || !is_digit(p->s[p->pos]))
        return fail(p, "bad number");
    if (p->s[p->pos] == '0') {
        p->pos++;
    } else {
        while (p->pos < p->len && is_digit(p->s[p->pos]))
            p->pos++;
    }
    if (p->pos < p->len && p->s[p->pos] == '.') {
        integral = 0;
        p->pos++;
        if (p->pos >= p->len || !is_digit(p->s[p->pos]))
            return fail(p, "bad number: digit expected after '.'");
        while (p->pos < p->len && is_digit(p->s[p->pos]))
            p->pos++;
    }
    if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
        integral = 0;
        p->pos++;
        if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
            p->pos++;
        if (p->pos >= p->len || !is_digit(p->s[p->pos]))
            return fail(p, "bad number: digit expected in exponent");
        while (p->pos < p->len && is_digit(p->s[p->pos]))
            p->pos++;
    }
    size_t n = p->pos - start;
    char local[64];
    char *text = n < sizeof local ? local : malloc(n + 1);
    if (!text)
        return fail(p, "out of memory");
    memcpy(text, p->s + start, n);
    text[n] = '\0';
    v->kind = TFC_JSON_NUMBER;
    v->number = strtod(text, NULL);
    if (text != local)
        free(text);
    if (integral && !negative) {
        uint64_t u = 0;
        int fits = 1;
        for (size_t i = start; i < p->pos; i++) {
            unsigned d = (unsigned)(p->s[i] - '0');
            if (u > (UINT64_MAX - d) / 10) {
                fits = 0;
                break;
            }
            u = u * 10 + d;
        }
        v->is_uint = fits;
        v->uint = fits ? u : 0;
    }
    return 0;
}

static int literal(parser *p, const char *word)
{
    size_t n = strlen(word);
    if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
        return fail(p, "invalid literal");
    p->pos += n;
    return 0;
}

static int parse_value(parser *p, tfc_json *v, int depth);

/* Appends a zeroed element to v->items (growing geometrically). */
static tfc_json *push_item(parser *p, tfc_json *v, size_t *cap)
{
    if (v->count == *cap) {
        size_t ncap = *cap ? 2 * *cap : 4;
        if (ncap > SIZE_MAX / sizeof(tfc_json)) {
            fail(p, "too many elements");
            return NULL;
        }
        tfc_json *items = realloc(v->items, ncap * sizeof *items);
        if (!items) {
            fail(p, "out of memory");
            return NULL;
        }
        v->items = items;
        *cap = ncap;
    }
    tfc_json *item = &v->items[v->count++];
    memset(item, 0, sizeof *item);
    return item;
}

static int parse_container(parser *p, tfc_json *v, int depth, int object)
{
    char close = object ? '}' : ']';
    size_t cap = 0;
    v->kind = object ? TFC_JSON_OBJECT : TFC_JSON_ARRAY;
    p->pos++; /* opening bracket */
    skip_ws(p);
    if (p->pos < p->len && p->s[p->pos] == close) {
        p->pos++;
        return 0;
    }
    for (;;) {
        skip_ws(p);
        tfc_json *item = push_item(p, v, &cap);
        if (!item)
            return -1;
        if (object) {
            if (p->pos >= p->len || p->s[p->pos] != '"')
                return fail(p, "object key expected");
            if (parse_string(p, &item->key, &item->key_len))
                return -1;
            for (size_t i = 0; i + 1 < v->count; i++)
                if (v->items[i].key_len == item->key_len &&
                    memcmp(v->items[i].key, item->key, item->key_len) == 0)
                    return fail(p, "duplicate object key");
            skip_ws(p);
            if (p->pos >= p->len || p->s[p->pos] != ':')
                return fail(p, "':' expected");
            p->pos++;
            skip_ws(p);
        }
        if (parse_value(p, item, depth + 1))
            return -1;
        skip_ws(p);
        if (p->pos >= p->len)
            return fail(p, object ? "unterminated object" : "unterminated array");
        if (p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->s[p->pos] == close) {
            p->pos++;
            return 0;
        }
        return fail(p, object ? "',' or '}' expected" : "',' or ']' expected");
    }
}

static int parse_value(parser *p, tfc_json *v, int depth)
{
    if (depth > TFC_JSON_MAX_DEPTH)
        return fail(p, "nesting too deep");
    skip_ws(p);
    if (p->pos >= p->len)
        return fail(p, "unexpected end of input");
    char c = p->s[p->pos];
    switch (c) {
    case '{': return parse_container(p, v, depth, 1);
    case '[': return parse_container(p, v, depth, 0);
    case '"':
        v->kind = TFC_JSON_STRING;
        return parse_string(p, &v->str, &v->str_len);
    case 't':
        v->kind = TFC_JSON_BOOL;
        v->boolean = 1;
        return literal(p, "true");
    case 'f':
        v->kind = TFC_JSON_BOOL;
        return literal(p, "false");
    case 'n':
        v->kind = TFC_JSON_NULL;
        return literal(p, "null");
    default:
        if (c == '-' || is_digit(c))
            return parse_number(p, v);
        return fail(p, "unexpected character");
    }
}

int tfc_json_parse(const char *text, size_t len, tfc_json **out, char *err,
                   size_t err_size)
{
    parser p = {text, len, 0, err, err_size};
    if (err && err_size)
        err[0] = '\0';
    if (!text || !out)
        return fail(&p, "NULL argument");
    tfc_json *root = calloc(1, sizeof *root);
    if (!root)
        return fail(&p, "out of memory");
    if (parse_value(&p, root, 0) == 0) {
        skip_ws(&p);
        if (p.pos == p.len) {
            *out = root;
            return 0;
        }
        fail(&p, "trailing characters after JSON value");
    }
    tfc_json_free(root);
    return -1;
}

const tfc_json *tfc_json_get(const tfc_json *obj, const char *key)
{
    if (!obj || obj->kind != TFC_JSON_OBJECT)
        return NULL;
    size_t n = strlen(key);
    for (size_t i = 0; i < obj->count; i++)
        if (obj->items[i].key_len == n && memcmp(obj->items[i].key, key, n) == 0)
            return &obj->items[i];
    return NULL;
}
