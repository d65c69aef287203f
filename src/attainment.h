/*
 * attainment.h — indicator attainment (doc/rules.md §4.5): the exact rounding of a rate, shared
 * by the rate of one indicator (attainment.c) and the weighted mean of a mission's rates
 * (attainment_agg.c, weighted.c), and the checks of one row of that mean (attainment_agg.c).
 *
 * Rates are exact rationals rounded half up to RATE_SCALE (20) decimal places, trailing zeros
 * trimmed: 15/20 is 0.75, 119/169 is 0.70414201183431952663. The same rounding ends the
 * aggregate, so rates and means read alike and compare exactly.
 */
#ifndef EXCO_ATTAINMENT_H
#define EXCO_ATTAINMENT_H

#include "numeric_util.h"

#ifndef HAVE_INT128
#error "exco needs a compiler with a 128-bit integer type"
#endif

#define RATE_SCALE		20		/* decimal places of a rate */
#define RATE_NDIGITS	5		/* the same, in numeric's base-10000 digits */
#define RATE_ONE	((int128) 100000000 * (int128) 100000000 * (int128) 10000)	/* 1e20 */

/* a / b rounded half up to RATE_SCALE decimals, trailing zeros trimmed; 0 <= a <= b, b > 0. */
extern Numeric ratio_round(Numeric a, Numeric b);

/* q · 1e-20 as a numeric, trailing zeros trimmed; 0 <= q <= 1e20. */
extern Numeric rate_numeric(int128 q);

/*
 * The checks of one row of the weighted mean (attainment_agg.c), shared by the aggregate
 * exco.weighted_attainment and by exco.weighted_rate (weighted.c) so that both refuse the same
 * rows with the same errors, in this order: the weight (NULL: 22004; NaN, infinite, negative or
 * with more than 1000 decimals: 22023), then the rate when there is one (NaN, outside [0, 1] or
 * with more than 1000 decimals: 22023). A NULL rate is a
 * missing measure, rate 0. attainment_zero_weight() is the error of a mean over a total weight
 * of 0 (22012).
 */
extern void attainment_check_weight(Numeric weight, bool isnull);
extern void attainment_check_rate(Numeric rate);
EXCO_NORETURN_BEGIN extern void attainment_zero_weight(void) EXCO_NORETURN_END;

#endif							/* EXCO_ATTAINMENT_H */
