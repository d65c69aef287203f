-- core (issue 8, the house): COMMENTs that cited the domain notes now cite doc/rules.md.
COMMENT ON VIEW exco.scale_sheet IS
  'the scales in the layout of doc/rules.md §8 (one row per scale, line, share; one column per tier); INSERT or \copy into it to load an amendment: a new scale is created, an existing one gets its missing cells; an empty tier column is an unknown cell';
