select month, path, inputs_sha256, row_count
from {{ source('raw', 'report_files') }}
