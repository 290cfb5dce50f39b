/* error.c - the thread-local error message behind tfc_last_error(). */
#include "internal.h"

#include <stdio.h>

#define TFC_ERROR_CAPACITY 1024

static _Thread_local char tfc_error_message[TFC_ERROR_CAPACITY];

const char *tfc_last_error(void) { return tfc_error_message; }

int tfc__error(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tfc_error_message, sizeof tfc_error_message, fmt, ap);
    va_end(ap);
    if (n < 0)
        tfc_error_message[0] = '\0';
    return code;
}
