-- Statistics of values per parameter. Values of every parameter share one column, so its plain statistics
-- mix cities with ages: «Город = Москва» looked rare and «Возраст ≥ 100» common, and the planner read the
-- wrong one first (at a million clients 300 ms where 2 ms do). The most common pairs tell them apart.
CREATE STATISTICS attribute_values_pairs (mcv) ON attribute_id, value FROM attribute_values;
ALTER STATISTICS attribute_values_pairs SET STATISTICS 1000;
CREATE STATISTICS attribute_values_numbers (mcv) ON attribute_id, value_number(value) FROM attribute_values;
ALTER STATISTICS attribute_values_numbers SET STATISTICS 1000;
