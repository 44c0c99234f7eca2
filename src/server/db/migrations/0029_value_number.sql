-- A stored value read as a number, or NULL when it is not one: the expression of the index that answers
-- range filters on number parameters (values are text; a number parameter stores `-12`, `3.5`).
CREATE FUNCTION value_number(value text) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN value ~ '^-?[0-9]+(\.[0-9]+)?$' THEN value::numeric END
$$;
