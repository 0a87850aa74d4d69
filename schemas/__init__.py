from .tables import (COMMENT, BATCH_TABLES, CHILD_TABLES, DERIVED_TABLES, RUN_COUNTERS, TABLES, SchemaMismatch, Table, column_doc, key_columns,
                     markdown_reference, schema, validate)

__all__ = ["COMMENT", "BATCH_TABLES", "CHILD_TABLES", "DERIVED_TABLES", "RUN_COUNTERS", "TABLES", "SchemaMismatch", "Table", "column_doc", "key_columns",
           "markdown_reference", "schema", "validate"]
