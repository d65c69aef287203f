-- core (issue 8, the house): COMMENTs that cited the domain notes now cite doc/rules.md.
COMMENT ON VIEW exco.scale_sheet IS
  'the scales in the layout of doc/rules.md §8 (one row per scale, line, share; one column per tier); INSERT or \copy into it to load an amendment: a new scale is created, an existing one gets its missing cells; an empty tier column is an unknown cell';
COMMENT ON FUNCTION exco.tier(bigint) IS
  'size tier of a CPTS territory of this population: 1 below 40 000, 2 below 80 000, 3 up to 175 000, 4 above (doc/rules.md §2); negative -> 22023';
