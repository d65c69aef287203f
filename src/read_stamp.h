/*
 * read_stamp.h — what data the running statement sees, as far as a cache of table rows cares
 * (read_stamp.c). The financing scales (scale.c) and the amounts of the other schemes
 * (scheme_data.c) are read by SPI and kept while the stamp stays the same: same role,
 * transaction, subtransaction, command and set of committed transactions (the active
 * snapshot's). Within one query that is one comparison per row, never one query per row; a
 * plpgsql loop that changes the table between two evaluations of the same expression sees the
 * change. Uses nothing of exco.
 */
#ifndef EXCO_READ_STAMP_H
#define EXCO_READ_STAMP_H

#include "postgres.h"

typedef struct ExcoReadStamp
{
	bool		valid;			/* false: no active snapshot, or nothing read yet */
	Oid			userid;			/* the role reading: what it may see */
	LocalTransactionId lxid;
	SubTransactionId subxid;
	CommandId	curcid;
	TransactionId xmin;
	TransactionId xmax;
	uint32		xcnt;
} ExcoReadStamp;

/* The stamp of the running statement (not valid without an active snapshot). */
extern void exco_read_stamp_now(ExcoReadStamp *now);

/*
 * Whether rows read under *read are still what the statement stamped *now sees: false when
 * either is not valid, so without an active snapshot (cannot happen in a query) the rows are
 * read every time. After reading them, the caller keeps *now as their stamp.
 */
extern bool exco_read_stamp_same(const ExcoReadStamp *read, const ExcoReadStamp *now);

#endif							/* EXCO_READ_STAMP_H */
