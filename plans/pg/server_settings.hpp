// The server's version and the settings that shape its plans (work_mem, random_page_cost,
// effective_cache_size, the enable_* switches, ...), read so that a saved workload tells which
// configuration its plans were measured under. Errors throw DatabaseError.
#pragma once

#include <map>
#include <string>

#include "plans/pg/session.hpp"

namespace pgadvisor {

struct ServerSettings {
  int version_num = 0;                       // e.g. 150018
  std::string version;                       // e.g. "15.14 (Debian 15.14-0+deb12u1)"
  std::map<std::string, std::string> values; // name → current_setting(name), with its unit
};

ServerSettings read_server_settings(Session& session);

}  // namespace pgadvisor
