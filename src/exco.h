/*
 * exco.h — declarations shared by the C files of the exco extension.
 */
#ifndef EXCO_H
#define EXCO_H

#include "postgres.h"
#include "fmgr.h"
#include "pg_compat.h"

/* exco.tier: a CPTS size tier, 1..4, stored as one byte, passed by value. */
typedef uint8 Tier;

#define TIER_MIN 1
#define TIER_MAX 4

#define DatumGetTier(d)   ((Tier) DatumGetUInt8(d))
#define TierGetDatum(t)   UInt8GetDatum(t)
#define PG_GETARG_TIER(n) DatumGetTier(PG_GETARG_DATUM(n))
#define PG_RETURN_TIER(t) return TierGetDatum(t)

/* Tier of a population (doc/rules.md §2); raises 22023 on a negative population. */
extern Tier exco_tier_of_population(int64 population);

/*
 * exco.mission, as a C index. The SQL enum's labels are mapped to this index by
 * label (not by OID or sort order), once per call site (see mission.c).
 */
typedef enum ExcoMission
{
	MISSION_FONCTIONNEMENT = 0,
	MISSION_ACCES_SOINS,
	MISSION_PARCOURS,
	MISSION_PREVENTION,
	MISSION_CRISES_SANITAIRES,
	MISSION_QUALITE,
	MISSION_ACCOMPAGNEMENT,
	MISSION_COUNT
} ExcoMission;

extern const char *const exco_mission_labels[MISSION_COUNT];

/* Map an exco.mission enum OID to its index; caches label lookups in *cache. */
typedef struct MissionCache
{
	int			n;
	Oid			oids[16];
	int8		index[16];
} MissionCache;

extern ExcoMission exco_mission_index(MissionCache *cache, Oid enumval);
extern Oid	exco_enum_oid(Oid enumtype, const char *label);

/*
 * A mission list (exco.mission[]) is one-dimensional or empty (mission.c). exco_mission_list_dims:
 * NULL for such a list, else its dimensions as array_dims writes them ("[1:2][1:1]").
 * exco_mission_list_check: 22023 naming the dimensions, with the column and the table when given
 * (a trigger's row), else the function argument's words. One check for every C function.
 */
struct ArrayType;
struct RelationData;
extern char *exco_mission_list_dims(struct ArrayType *a);
extern void exco_mission_list_check(struct ArrayType *a, const char *column, struct RelationData *rel);

/* The per-call-site mission cache of a function (fn_extra under fn_mcxt). */
extern MissionCache *exco_mission_cache(FunctionCallInfo fcinfo);

/* Deadlines (mission.c): month offsets from signature, -1 when the mission has none. */
extern int	exco_start_months(ExcoMission m);
extern int	exco_deploy_months(ExcoMission m);
extern bool exco_is_socle(ExcoMission m);

/*
 * Dates: exco_add_months, exco_check_signing_date, exco_date_str (calendar.c). calendar.h uses
 * nothing of exco; it is included here for the files that only include exco.h.
 */
#include "calendar.h"

/* A date as text, for messages (deadline.c). */
extern const char *exco_date_str(DateADT d);

#endif							/* EXCO_H */
