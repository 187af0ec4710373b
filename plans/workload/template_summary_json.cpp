#include "plans/workload/template_summary_json.hpp"

namespace pgadvisor {

nlohmann::json template_summary_json(const QueryTemplate& tmpl) {
  return {{"fingerprint", tmpl.fingerprint},
          {"normalized_sql", tmpl.normalized_sql},
          {"kind", statement_kind_name(tmpl.statement_class.kind)},
          {"calls", tmpl.calls},
          {"total_ms", tmpl.total_ms},
          {"mean_ms", tmpl.mean_ms()},
          {"max_ms", tmpl.max_ms},
          {"origins", origins_to_json(tmpl.origins)}};
}

}  // namespace pgadvisor
