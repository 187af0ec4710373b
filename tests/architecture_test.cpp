// The layers, checked from the includes of every source file: plans/ includes nothing of
// advisor/ or cli/, advisor/ nothing of cli/, and the folders form no cycle — advisor/'s root
// (the pipeline, the stage runner) included; the Advice model lives in advisor/model/, which
// the rooms include and which includes no room that includes it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

using FolderGraph = std::map<std::string, std::set<std::string>>;

// folder -> the folders its files include from, and the include lines that break a layer
FolderGraph include_graph(std::vector<std::string>& upward) {
  const fs::path root = PGADVISOR_SOURCE_DIR;
  const std::regex include_line(R"re(#include "((plans|advisor|cli)(/[a-z_]+)*)/[a-z_]+\.hpp")re");
  FolderGraph graph;
  for (const std::string top : {"plans", "advisor", "cli"})
    for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".cpp" && ext != ".hpp") continue;
      const std::string file = fs::relative(entry.path(), root).string();
      const std::string folder = fs::path(file).parent_path().string();
      std::ifstream in(entry.path());
      for (std::string line; std::getline(in, line);) {
        std::smatch match;
        if (!std::regex_search(line, match, include_line)) continue;
        const std::string included = match[1].str(), layer = match[2].str();
        if ((top == "plans" && layer != "plans") || (top == "advisor" && layer == "cli"))
          upward.push_back(file + ": " + line);
        if (included != folder) graph[folder].insert(included);
      }
    }
  return graph;
}

// A cycle among the folders, as "a -> b -> a"; empty when none.
std::string find_cycle(const FolderGraph& graph) {
  std::map<std::string, int> state;  // 1 on the path, 2 done
  std::vector<std::string> path;
  std::string found;
  std::function<void(const std::string&)> visit = [&](const std::string& folder) {
    if (!found.empty()) return;
    state[folder] = 1;
    path.push_back(folder);
    auto next = graph.find(folder);
    if (next != graph.end())
      for (const auto& to : next->second) {
        if (state[to] == 1) {
          for (const auto& step : path) found += step + " -> ";
          found += to;
          return;
        }
        if (state[to] == 0) visit(to);
        if (!found.empty()) return;
      }
    path.pop_back();
    state[folder] = 2;
  };
  for (const auto& [folder, _] : graph) visit(folder);
  return found;
}

}  // namespace

TEST_CASE("plans/ never includes advisor/ or cli/, advisor/ never cli/, and no folder cycle", "[architecture]") {
  std::vector<std::string> upward;
  const FolderGraph graph = include_graph(upward);
  std::ostringstream listed;
  for (const auto& line : upward) listed << line << "\n";
  INFO(listed.str());
  CHECK(upward.empty());
  REQUIRE(graph.count("plans/workload"));  // the graph was read
  CHECK(find_cycle(graph) == "");
  // advisor/'s root runs the stages: no room includes it
  for (const auto& [folder, included] : graph)
    if (folder.rfind("advisor/", 0) == 0) {
      INFO(folder);
      CHECK(included.count("advisor") == 0);
    }
  // what the check is made of: a cycle it must find
  FolderGraph looped = graph;
  looped["plans/pg"].insert("plans/workload");
  CHECK(find_cycle(looped).find("plans/pg") != std::string::npos);
}
