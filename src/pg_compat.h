/*
 * pg_compat.h — the few places where PostgreSQL's C API differs between the versions exco
 * supports (15, 17, 18; 16 should build too but is not tested). Every difference is a version
 * guard here, so the other files read the same on every version.
 */
#ifndef EXCO_PG_COMPAT_H
#define EXCO_PG_COMPAT_H

#include "postgres.h"

/* 16 moved the varlena macros (VARDATA, SET_VARSIZE, VARSIZE_ANY_EXHDR...) to varatt.h. */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * A function that never returns: 18 replaced the suffix pg_attribute_noreturn() by the prefix
 * pg_noreturn (C11 _Noreturn). Write EXCO_NORETURN_BEGIN before the declaration and
 * EXCO_NORETURN_END after its parameter list.
 */
#if PG_VERSION_NUM >= 180000
#define EXCO_NORETURN_BEGIN pg_noreturn
#define EXCO_NORETURN_END
#else
#define EXCO_NORETURN_BEGIN
#define EXCO_NORETURN_END pg_attribute_noreturn()
#endif

/*
 * 16 replaced pg_namespace_aclcheck(nsp, role, mode) by the generic object_aclcheck(classid, ...)
 * (the caller includes utils/acl.h and catalog/pg_namespace.h).
 */
#if PG_VERSION_NUM >= 160000
#define exco_namespace_aclcheck(nsp, role, mode) object_aclcheck(NamespaceRelationId, (nsp), (role), (mode))
#else
#define exco_namespace_aclcheck(nsp, role, mode) pg_namespace_aclcheck((nsp), (role), (mode))
#endif

#endif							/* EXCO_PG_COMPAT_H */
