/* dtype.c - element types: sizes, safetensors names, shape arithmetic. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static const struct {
    tfc_dtype dtype;
    size_t size;
    const char *name;
} tfc_dtypes[] = {
    {TFC_F16, 2, "F16"}, {TFC_BF16, 2, "BF16"}, {TFC_F32, 4, "F32"},
    {TFC_F64, 8, "F64"}, {TFC_I8, 1, "I8"},     {TFC_I16, 2, "I16"},
    {TFC_I32, 4, "I32"}, {TFC_I64, 8, "I64"},   {TFC_U8, 1, "U8"},
    {TFC_U16, 2, "U16"}, {TFC_U32, 4, "U32"},   {TFC_U64, 8, "U64"},
    {TFC_BOOL, 1, "BOOL"},
};

#define TFC_NUM_DTYPES (sizeof tfc_dtypes / sizeof tfc_dtypes[0])

static int dtype_index(tfc_dtype dtype)
{
    for (size_t i = 0; i < TFC_NUM_DTYPES; i++)
        if (tfc_dtypes[i].dtype == dtype)
            return (int)i;
    return -1;
}

int tfc_dtype_size(tfc_dtype dtype, size_t *size)
{
    int i = dtype_index(dtype);
    if (i < 0)
        return tfc__error(TFC_ERR_INVALID, "unknown dtype %d", (int)dtype);
    if (!size)
        return tfc__error(TFC_ERR_INVALID, "tfc_dtype_size: size is NULL");
    *size = tfc_dtypes[i].size;
    return TFC_OK;
}

int tfc_dtype_name(tfc_dtype dtype, const char **name)
{
    int i = dtype_index(dtype);
    if (i < 0)
        return tfc__error(TFC_ERR_INVALID, "unknown dtype %d", (int)dtype);
    if (!name)
        return tfc__error(TFC_ERR_INVALID, "tfc_dtype_name: name is NULL");
    *name = tfc_dtypes[i].name;
    return TFC_OK;
}

int tfc_dtype_from_name(const char *name, tfc_dtype *dtype)
{
    if (!name || !dtype)
        return tfc__error(TFC_ERR_INVALID, "tfc_dtype_from_name: NULL argument");
    for (size_t i = 0; i < TFC_NUM_DTYPES; i++) {
        if (strcmp(tfc_dtypes[i].name, name) == 0) {
            *dtype = tfc_dtypes[i].dtype;
            return TFC_OK;
        }
    }
    return tfc__error(TFC_ERR_INVALID, "unknown dtype name \"%.64s\"", name);
}

void tfc__format_shape(char *buf, size_t size, int32_t rank, const int64_t *dims)
{
    size_t used = 0;
    if (size == 0)
        return;
    buf[0] = '\0';
    for (int32_t i = -1; i <= rank; i++) {
        char piece[32];
        if (i < 0)
            snprintf(piece, sizeof piece, "[");
        else if (i == rank)
            snprintf(piece, sizeof piece, "]");
        else
            snprintf(piece, sizeof piece, "%s%lld", i ? ", " : "",
                     dims ? (long long)dims[i] : 0LL);
        size_t len = strlen(piece);
        if (used + len + 1 > size) {
            if (size >= 4)
                memcpy(buf + size - 4, "...", 4);
            return;
        }
        memcpy(buf + used, piece, len + 1);
        used += len;
    }
}

int tfc__shape_size(const char *what, tfc_dtype dtype, int32_t rank,
                    const int64_t *dims, int64_t *count, size_t *nbytes)
{
    size_t esize;
    if (dtype_index(dtype) < 0)
        return tfc__error(TFC_ERR_INVALID, "%s: unknown dtype %d", what, (int)dtype);
    esize = tfc_dtypes[dtype_index(dtype)].size;
    if (rank < 0 || rank > TFC_MAX_RANK)
        return tfc__error(TFC_ERR_INVALID, "%s: rank %d is outside [0, %d]", what,
                          (int)rank, TFC_MAX_RANK);
    if (rank > 0 && !dims)
        return tfc__error(TFC_ERR_INVALID, "%s: dims is NULL for rank %d", what,
                          (int)rank);
    int has_zero = 0, overflow = 0;
    for (int32_t i = 0; i < rank; i++) {
        if (dims[i] < 0) {
            char shape[256];
            tfc__format_shape(shape, sizeof shape, rank, dims);
            return tfc__error(TFC_ERR_INVALID, "%s: negative dimension in shape %s",
                              what, shape);
        }
        if (dims[i] == 0)
            has_zero = 1;
    }
    uint64_t n = has_zero ? 0 : 1;
    for (int32_t i = 0; i < rank && !has_zero && !overflow; i++) {
        uint64_t d = (uint64_t)dims[i];
        if (n > UINT64_MAX / d)
            overflow = 1;
        else
            n *= d;
    }
    if (overflow || n > (uint64_t)INT64_MAX || (esize && n > SIZE_MAX / esize)) {
        char shape[256];
        tfc__format_shape(shape, sizeof shape, rank, dims);
        return tfc__error(TFC_ERR_NOMEM, "%s: shape %s is too large", what, shape);
    }
    if (count)
        *count = (int64_t)n;
    if (nbytes)
        *nbytes = (size_t)n * esize;
    return TFC_OK;
}

int tfc_tensor_size(const tfc_tensor *t, int64_t *count, size_t *nbytes)
{
    if (!t)
        return tfc__error(TFC_ERR_INVALID, "tfc_tensor_size: tensor is NULL");
    return tfc__shape_size("tensor", t->dtype, t->rank, t->dims, count, nbytes);
}
