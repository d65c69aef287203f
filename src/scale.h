/*
 * scale.h — financing scales read from exco.scale / exco.scale_amount (scale.c), shared with the
 * payment schedule (payment.c).
 */
#ifndef EXCO_SCALE_H
#define EXCO_SCALE_H

#include "exco.h"
#include "read_stamp.h"

#include "access/htup.h"
#include "access/tupdesc.h"
#include "utils/date.h"

/* exco.share, as a C index (mapped by label). */
typedef enum ExcoShare
{
	SHARE_FIXED = 0,
	SHARE_VARIABLE,
	SHARE_DEDICATED,
	SHARE_COUNT
} ExcoShare;

/* One (line, tier) cell of a scale: known when the scale has at least one row for it. */
typedef struct ExcoScaleCell
{
	bool		known;
	bool		has[SHARE_COUNT];
	int64		cents[SHARE_COUNT];
} ExcoScaleCell;

typedef struct ExcoScale
{
	char	   *name;
	DateADT		effective_from;
	bool		complete;
	ExcoScaleCell cell[MISSION_COUNT][TIER_MAX];
} ExcoScale;

/*
 * The per-call-site cache (fn_extra, under fn_mcxt): every scale, kept while the running
 * statement sees the same data (read_stamp.h: same role, transaction, command and set of
 * committed transactions), so a plpgsql loop that inserts a scale between two evaluations of the
 * same expression sees it too. The call sites of one statement share one SPI read: each copies
 * the backend's last read when its stamp is theirs (scale.c).
 */
typedef struct ExcoScaleCache
{
	MissionCache missions;
	ExcoReadStamp read;			/* what the scales were read under (read_stamp.h) */
	MemoryContext cxt;			/* holds the scales; reset on reload */
	int			nscales;
	ExcoScale  *scales;			/* by effective_from, ascending */
	TupleDesc	ceiling_desc;	/* blessed exco.ceiling, for exco.ceiling() */
} ExcoScaleCache;

/* A resolved ceiling, in cents. dedicated_known is false when the scale does not give it. */
typedef struct ExcoCeiling
{
	int64		fixed;
	int64		variable;
	int64		dedicated;
	bool		dedicated_known;
} ExcoCeiling;

extern ExcoScaleCache *exco_scale_cache(FunctionCallInfo fcinfo);
extern ExcoScaleCache *exco_scale_cache_in(ExcoScaleCache **slot, MemoryContext mcxt);
extern const ExcoScale *exco_scale_find_on(ExcoScaleCache *cache, DateADT on_date);
extern const ExcoScale *exco_scale_find_named(ExcoScaleCache *cache, const char *name);
extern const ExcoScale *exco_scale_on(ExcoScaleCache *cache, DateADT on_date);
extern const ExcoScale *exco_scale_named(ExcoScaleCache *cache, const char *name);
extern void exco_scale_cell(const ExcoScale *scale, ExcoMission m, Tier t, ExcoCeiling *out);

/* Why a scale does not give a line for a tier, palloc'd, or NULL (report.c). */
extern char *exco_ceiling_gap_reason(const ExcoScale *scale, const char *name, ExcoMission m, Tier t);

/* cents -> numeric with two decimals, and the text of a date, for messages. */
extern Datum exco_cents_numeric(int64 cents);

#endif							/* EXCO_SCALE_H */
