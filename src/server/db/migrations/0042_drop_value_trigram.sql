-- The keyword search reads the parameters' distinct texts (attribute_value_texts, migration 0041), not every card's
-- value: the trigram index over all values only cost each value written its upkeep (193 MB at a million clients).
DROP INDEX "attribute_values_value_trgm_idx";
