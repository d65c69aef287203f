/*
 * step_core.h — the pure rules of a stepped indicator (step_core.c, no PostgreSQL header: fuzzed
 * alone by test/fuzz/fuzz_step.c): which thresholds and amounts are valid, and which level a
 * measure reaches. Values are opaque words (a numeric datum in exco.so, an integer in the
 * fuzzer) compared by the caller's function.
 */
#ifndef EXCO_STEP_CORE_H
#define EXCO_STEP_CORE_H

#include <stdint.h>

/* <0, 0 or >0 as a is below, equal to or above b. */
typedef int (*StepCmp) (uintptr_t a, uintptr_t b, void *ctx);

typedef enum StepProblem
{
	STEP_OK = 0,
	STEP_LENGTHS,				/* thresholds and amounts differ in length */
	STEP_FIRST_TWO_EQUAL,		/* thresholds 1 and 2 are equal: no order */
	STEP_WRONG_DIRECTION,		/* the thresholds' order contradicts the stated direction */
	STEP_NOT_MONOTONE,			/* threshold index does not follow the order of 1 and 2 */
	STEP_AMOUNT_NEGATIVE,		/* amount index is below zero */
	STEP_AMOUNT_DECREASES		/* amount index is below amount index - 1 */
} StepProblem;

typedef struct StepCheck
{
	StepProblem problem;
	int			index;			/* 0-based element the problem is about */
	int			order;			/* +1 ascending (higher is better), -1 descending */
} StepCheck;

/*
 * Check thresholds th[0..nt) and amounts am[0..na) for direction +1 (higher is better), -1
 * (lower is better) or 0 (inferred from thresholds 1 and 2; a single threshold: higher). The
 * first problem found, in that order: lengths, order of the first two, direction, the other
 * thresholds, then the amounts (not negative, not decreasing).
 */
extern StepCheck exco_step_check(const uintptr_t *th, int nt, const uintptr_t *am, int na,
								 uintptr_t zero, int direction, StepCmp cmp, void *ctx);

/* The highest level (0-based) the measure reaches in valid thresholds of that order, -1 none. */
extern int	exco_step_level(uintptr_t measured, const uintptr_t *th, int nt, int order,
							StepCmp cmp, void *ctx);

#endif							/* EXCO_STEP_CORE_H */
