from .tables import (BATCH_TABLES, CHILD_TABLES, DERIVED_TABLES, RUN_COUNTERS, TABLES, SchemaMismatch, Table, key_columns,
                     markdown_reference, schema, validate)

__all__ = ["BATCH_TABLES", "CHILD_TABLES", "DERIVED_TABLES", "RUN_COUNTERS", "TABLES", "SchemaMismatch", "Table", "key_columns",
           "markdown_reference", "schema", "validate"]
