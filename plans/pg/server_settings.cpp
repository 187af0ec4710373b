#include "plans/pg/server_settings.hpp"

namespace pgadvisor {

ServerSettings read_server_settings(Session& session) {
  ServerSettings settings;
  settings.version_num = session.server_version();
  session.rolled_back(TransactionMode::ReadOnly, [&](Transaction& tx) {
    Rows version = tx.query("SELECT current_setting('server_version')");
    if (!version.empty()) settings.version = version[0][0].value_or("");
    Rows rows = tx.query(
        "SELECT name, current_setting(name) FROM pg_settings "
        "WHERE name IN ('work_mem', 'maintenance_work_mem', 'shared_buffers', 'effective_cache_size', "
        "'random_page_cost', 'seq_page_cost', 'cpu_tuple_cost', 'cpu_index_tuple_cost', 'cpu_operator_cost', "
        "'effective_io_concurrency', 'default_statistics_target', 'max_parallel_workers_per_gather', "
        "'parallel_setup_cost', 'parallel_tuple_cost', 'min_parallel_table_scan_size', 'jit', "
        "'from_collapse_limit', 'join_collapse_limit', 'geqo_threshold', 'plan_cache_mode', "
        "'hash_mem_multiplier', 'track_io_timing') OR name LIKE 'enable\\_%' ORDER BY name");
    for (const auto& row : rows) settings.values[row[0].value_or("")] = row[1].value_or("");
  });
  return settings;
}

}  // namespace pgadvisor
