/*
 * agg_serial.h — the serialized states of exco's parallel aggregates (agg_serial.c): the same
 * bytes on every architecture, so a state written by one server reads the same on another.
 * Integers big-endian; a numeric in its binary send format (numeric_send: never its in-memory
 * bytes), after a 4-byte big-endian length, 0 for none. Each reader checks it stays inside the
 * state and raises "invalid serialized <what> state" otherwise.
 */
#ifndef EXCO_AGG_SERIAL_H
#define EXCO_AGG_SERIAL_H

#include "pg_compat.h"

#include "utils/numeric.h"

/* Bytes of an int32 and of an int128, written. */
#define EXCO_SERIAL_INT32 4
#define EXCO_SERIAL_INT128 16

extern char *exco_serial_put_int32(char *p, int32 v);
extern char *exco_serial_put_int128(char *p, int128 v);
extern const char *exco_serial_read_int32(const char *p, const char *end, int32 *v, const char *what);
extern const char *exco_serial_read_int128(const char *p, const char *end, int128 *v, const char *what);

/* n in the send format, NULL for none; and the bytes it takes, written with its length. */
extern bytea *exco_serial_numeric(Numeric n);
extern Size exco_serial_numeric_size(const bytea *sent);
extern char *exco_serial_put_numeric(char *p, const bytea *sent);
extern const char *exco_serial_read_numeric(const char *p, const char *end, Numeric *out, const char *what);

#endif							/* EXCO_AGG_SERIAL_H */
