/*
 * schemes.h — the other coordinated-practice schemes (doc/rules.md §6, §7; decisions in
 * doc/schemes.md): structures, forfait structure, medical assistants, ETP. Shared by structure.c,
 * assistant.c, etp.c, scheme_label.c and scheme_data.c.
 */
#ifndef EXCO_SCHEMES_H
#define EXCO_SCHEMES_H

#include "exco.h"
#include "read_stamp.h"

#include "utils/array.h"
#include "utils/date.h"

/* exco.structure_kind, as a C index (mapped by label). */
typedef enum StructureKind
{
	KIND_ESP = 0,
	KIND_MSP,
	KIND_CPTS,
	KIND_ESS,
	KIND_RCP,
	KIND_OTHER_PLURI,
	KIND_COUNT
} StructureKind;

/* exco.profession, as a C index (mapped by label). */
typedef enum Profession
{
	PROF_MEDECIN_GENERALISTE = 0,
	PROF_MEDECIN_SPECIALISTE,
	PROF_INFIRMIER,
	PROF_MASSEUR_KINESITHERAPEUTE,
	PROF_PHARMACIEN,
	PROF_SAGE_FEMME,
	PROF_CHIRURGIEN_DENTISTE,
	PROF_ORTHOPHONISTE,
	PROF_ORTHOPTISTE,
	PROF_PEDICURE_PODOLOGUE,
	PROF_DIETETICIEN,
	PROF_ERGOTHERAPEUTE,
	PROF_COUNT
} Profession;

/* exco.assistant_share, as a C index (mapped by label). */
typedef enum AssistantShare
{
	ASSIST_THIRD = 0,
	ASSIST_HALF,
	ASSIST_FULL,
	ASSISTANT_SHARE_COUNT
} AssistantShare;

/* exco.sector: the GP's convention sector, as a C index (mapped by label). */
typedef enum Sector
{
	SECTOR_1 = 0,
	SECTOR_2_OPTAM,
	SECTOR_2,
	SECTOR_3,
	SECTOR_COUNT
} Sector;

extern const char *const exco_kind_labels[KIND_COUNT];
extern const char *const exco_profession_labels[PROF_COUNT];
extern const char *const exco_assistant_share_labels[ASSISTANT_SHARE_COUNT];

/* Enum OID -> C index by label, cached per call site (scheme_label.c). */
typedef struct LabelCache
{
	int			n;
	Oid			oids[24];
	int8		index[24];
} LabelCache;

typedef struct LabelSet
{
	const char *type_name;		/* for messages: exco.profession */
	const char *const *labels;
	int			count;
} LabelSet;

extern const LabelSet exco_kind_set;
extern const LabelSet exco_profession_set;
extern const LabelSet exco_assistant_share_set;
extern const LabelSet exco_sector_set;

extern int	exco_label_index(LabelCache *cache, const LabelSet *set, Oid enumval);

/*
 * Map an array of enum values to C indexes (palloc'd); NULL elements raise 22004 naming what the
 * array is (what_list, e.g. "the member list").
 */
extern int *exco_label_array(LabelCache *cache, const LabelSet *set, ArrayType *arr, int *n,
							 const char *what_list);

/* Per-call-site cache of enum labels in fn_extra (for functions with no other state). */
extern LabelCache *exco_label_cache(FunctionCallInfo fcinfo);

/*
 * Dated amounts read from the scheme tables (scheme_data.c), once per call site and snapshot,
 * like the financing scales (scale.h).
 */
typedef struct ForfaitRow
{
	DateADT		effective_from;
	int64		indicator_cents;
	int64		volet2_cents;
} ForfaitRow;

typedef struct AssistantAidRow
{
	DateADT		effective_from;
	int8		share;			/* AssistantShare */
	int8		year;			/* 1..3, 3 = year 3 and after */
	int64		cents;
} AssistantAidRow;

typedef struct SchemeData
{
	LabelCache	labels;			/* free for the calling function's enum arguments */
	ExcoReadStamp read;			/* what the rows were read under (read_stamp.h) */
	MemoryContext cxt;
	int			nforfait;
	ForfaitRow *forfait;		/* by effective_from ascending */
	int			naid;
	AssistantAidRow *aid;		/* by effective_from ascending */
} SchemeData;

extern SchemeData *exco_scheme_data(FunctionCallInfo fcinfo);

/* Structure rules (structure.c), used by the ETP rules too. */
extern bool exco_is_paramedical(Profession p);

#endif							/* EXCO_SCHEMES_H */
