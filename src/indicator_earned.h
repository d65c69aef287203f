/*
 * indicator_earned.h — what indicator_unknown.c and indicator_earned.c share: the weight rule.
 */
#ifndef EXCO_INDICATOR_EARNED_H
#define EXCO_INDICATOR_EARNED_H

#include "pg_compat.h"

/*
 * A weight the mission's attainment cannot use: NaN or +Infinity (weights are not negative).
 * False for a finite weight.
 */
extern bool exco_weight_unknown(Datum weight);

#endif							/* EXCO_INDICATOR_EARNED_H */
