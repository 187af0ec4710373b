#include "cli/migration/models_py_edit.hpp"

#include <optional>

#include "cli/migration/python_imports.hpp"
#include "cli/migration/python_source.hpp"
#include "plans/ascii_case.hpp"

namespace pgadvisor {
namespace {

// Text after the leading word of `code`, trimmed.
std::string after_word(const std::string& code, const std::string& word) { return trim_space(code.substr(word.size())); }

// The index's lines indented by `indent`, the last with its comma.
std::string index_lines(const DjangoModelIndex& index, const std::string& indent) {
  std::string out;
  for (size_t at = 0; at < index.index.size();) {
    size_t end = index.index.find('\n', at);
    if (end == std::string::npos) end = index.index.size();
    out += indent + index.index.substr(at, end - at) + (end == index.index.size() ? ",\n" : "\n");
    at = end + 1;
  }
  return out;
}

std::string all_index_lines(const std::vector<DjangoModelIndex>& indexes, const std::string& indent) {
  std::string out;
  for (const auto& index : indexes) out += index_lines(index, indent);
  return out;
}

struct ClassBody {
  size_t header = 0;                     // its logical line
  size_t begin = 0, end = 0;             // its body's logical lines [begin, end)
  std::string name, bases, indent;       // bases: the text between the parentheses
};

std::optional<ClassBody> find_class(const PythonSource& source, const std::string& model, std::string& why) {
  std::optional<ClassBody> found;
  for (size_t i = 0; i < source.logical.size(); ++i) {
    const PythonLine& line = source.logical[i];
    if (!line.indent.empty() || leading_word(line.code) != "class") continue;
    std::string rest = after_word(line.code, "class");
    std::string name = leading_word(rest);
    if (name.empty() || ascii_lower(name) != model) continue;
    if (found) {
      why = "two classes are named " + name;
      return std::nullopt;
    }
    ClassBody body;
    body.header = i;
    body.name = name;
    std::string header = trim_space(logical_text(source, line));
    if (header.back() != ':') {
      why = "class " + name + " has its body on its header line";
      return std::nullopt;
    }
    size_t open = header.find('(');
    if (open != std::string::npos) body.bases = trim_space(header.substr(open + 1, header.rfind(')') - open - 1));
    body.begin = i + 1;
    body.end = body.begin;
    while (body.end < source.logical.size() && !source.logical[body.end].indent.empty()) ++body.end;
    if (body.begin == body.end) {
      why = "class " + name + " has no body";
      return std::nullopt;
    }
    body.indent = source.logical[body.begin].indent;
    for (size_t j = body.begin; j < body.end; ++j)
      if (source.logical[j].indent.compare(0, body.indent.size(), body.indent) != 0) {
        why = "class " + name + " is not indented consistently";
        return std::nullopt;
      }
    found = body;
  }
  if (!found) why = "no top-level class of model " + model + " is in it";
  return found;
}

bool mentions_name(const PythonSource& source, const ClassBody& body, const std::string& name) {
  size_t last = source.logical[body.end - 1].last;
  for (size_t i = source.logical[body.header].first; i <= last; ++i)
    if (source.lines[i].find("\"" + name + "\"") != std::string::npos ||
        source.lines[i].find("'" + name + "'") != std::string::npos)
      return true;
  return false;
}

// Appends to the list literal of `indexes = [...]`, logical line `line`; false (why set) when it is not one.
bool append_to_list(const PythonSource& source, const PythonLine& line, const std::string& unit,
                    const std::vector<DjangoModelIndex>& indexes, std::vector<std::string>& lines, std::string& why) {
  // (row, column) of the '[' after '=', and of its matching ']'
  size_t row = line.first, col = source.masked[row].find('=');
  size_t open_row = row, open_col = source.masked[row].find_first_not_of(" \t", col + 1);
  if (open_col == std::string::npos || source.masked[row][open_col] != '[') {
    why = "its Meta.indexes is not a list literal";
    return false;
  }
  int depth = 0;
  size_t close_row = 0, close_col = 0;
  bool closed = false, comprehension = false;
  for (size_t r = open_row; r <= line.last && !closed; ++r) {
    const std::string& text = source.masked[r];
    for (size_t c = r == open_row ? open_col : 0; c < text.size(); ++c) {
      char ch = text[c];
      if (ch == '(' || ch == '[' || ch == '{') ++depth;
      if (ch == ')' || ch == ']' || ch == '}') --depth;
      if (depth == 1 && text.compare(c, 5, " for ") == 0) comprehension = true;
      if (depth == 0) {
        close_row = r, close_col = c, closed = true;
        break;
      }
    }
  }
  std::string tail = closed ? trim_space(source.masked[close_row].substr(close_col + 1)) : "x";
  bool last_line_rest = true;
  for (size_t r = close_row + 1; closed && r <= line.last; ++r)
    last_line_rest = last_line_rest && trim_space(source.masked[r]).empty();
  if (!closed || !tail.empty() || !last_line_rest || comprehension) {
    why = comprehension ? "its Meta.indexes is a list comprehension" : "its Meta.indexes is computed, not a plain list";
    return false;
  }
  // the last code character inside the list
  std::optional<std::pair<size_t, size_t>> last_code;
  for (size_t r = open_row; r <= close_row; ++r) {
    const std::string& text = source.masked[r];
    size_t from = r == open_row ? open_col + 1 : 0, to = r == close_row ? close_col : text.size();
    for (size_t c = from; c < to; ++c)
      if (text[c] != ' ' && text[c] != '\t') last_code = {r, c};
  }
  const std::string& indent = line.indent;
  if (!last_code) {  // an empty list: written again, one index a line
    std::string head = lines[open_row].substr(0, open_col + 1), rest = lines[close_row].substr(close_col);
    lines.erase(lines.begin() + static_cast<long>(open_row), lines.begin() + static_cast<long>(close_row) + 1);
    std::string text = head + "\n" + all_index_lines(indexes, indent + unit) + indent + rest + "\n";
    insert_lines(lines, open_row - 1, text);
    return true;
  }
  // the first element's indent when it starts its own line, else one step in
  std::string item_indent = indent + unit;
  for (size_t r = open_row + 1; r <= close_row; ++r)
    if (!trim_space(source.masked[r]).empty()) {
      if (r < close_row || source.masked[r].find_first_not_of(" \t") < close_col)
        item_indent = source.masked[r].substr(0, source.masked[r].find_first_not_of(" \t"));
      break;
    }
  bool close_alone = trim_space(source.masked[close_row].substr(0, close_col)).empty();
  if (close_alone) {
    insert_lines(lines, close_row - 1, all_index_lines(indexes, item_indent));
  } else {
    std::string head = lines[close_row].substr(0, close_col), rest = lines[close_row].substr(close_col);
    lines[close_row] = head;
    insert_lines(lines, close_row, all_index_lines(indexes, item_indent) + indent + rest + "\n");
  }
  auto [r, c] = *last_code;
  if (source.masked[r][c] != ',') lines[r].insert(c + 1, ",");
  return true;
}

// The edit of the class itself; false (why set) when unsafe.
bool edit_class(const PythonSource& source, const ClassBody& body, const std::vector<DjangoModelIndex>& indexes,
                std::vector<std::string>& lines, std::string& why) {
  const std::string& unit = body.indent;  // a top-level class: its body's indent is one step
  std::optional<size_t> meta;
  for (size_t i = body.begin; i < body.end; ++i) {
    const PythonLine& line = source.logical[i];
    if (line.indent != body.indent || leading_word(line.code) != "class" ||
        leading_word(after_word(line.code, "class")) != "Meta")
      continue;
    if (meta) {
      why = "class " + body.name + " has two Meta classes";
      return false;
    }
    meta = i;
  }
  if (!meta) {
    std::string bases;
    for (char c : body.bases) if (c != ' ' && c != '\t') bases += c;
    if (bases != "models.Model" && bases != "Model") {
      why = "class " + body.name + "(" + body.bases + ") has no Meta of its own: one added here would replace a Meta "
            "it may inherit from an abstract parent";
      return false;
    }
    size_t after = source.logical[body.header].last;  // after the last statement before the first method
    bool method_follows = false;
    for (size_t i = body.begin; i < body.end; ++i) {
      const PythonLine& line = source.logical[i];
      std::string word = leading_word(line.code);
      if (line.indent == body.indent && (word == "def" || word == "async" || word == "class" || line.code[0] == '@')) {
        method_follows = true;
        break;
      }
      after = line.last;
    }
    std::string text = after == source.logical[body.header].last ? "" : "\n";
    text += unit + "class Meta:\n" + unit + unit + "indexes = [\n" + all_index_lines(indexes, unit + unit + unit) +
            unit + unit + "]\n";
    if (method_follows && after + 1 < lines.size() && !trim_space(lines[after + 1]).empty()) text += "\n";
    insert_lines(lines, after, text);
    return true;
  }
  const PythonLine& header = source.logical[*meta];
  std::string rest = after_word(header.code, "class");
  rest = trim_space(rest.substr(4));  // after "Meta"
  if (rest != ":") {
    why = rest.rfind('(', 0) == 0 ? "its Meta has bases (" + rest.substr(0, rest.size() - 1) +
                                        "): its indexes may come from them"
                                  : "its Meta has its body on its header line";
    return false;
  }
  size_t begin = *meta + 1, end = begin;
  while (end < body.end && source.logical[end].indent.size() > body.indent.size()) ++end;
  if (begin == end) {
    why = "its Meta has no body";
    return false;
  }
  const std::string& meta_indent = source.logical[begin].indent;
  std::optional<size_t> assignment;
  for (size_t i = begin; i < end; ++i) {
    const PythonLine& line = source.logical[i];
    if (leading_word(line.code) != "indexes") continue;
    if (line.indent != meta_indent) {
      why = "its Meta sets indexes inside another statement";
      return false;
    }
    std::string after = after_word(line.code, "indexes");
    if (assignment || after.empty() || after[0] != '=' || after.compare(0, 2, "==") == 0) {
      why = "its Meta.indexes is assigned more than once or changed after";
      return false;
    }
    assignment = i;
  }
  if (!assignment) {
    insert_lines(lines, source.logical[end - 1].last,
                 meta_indent + "indexes = [\n" + all_index_lines(indexes, meta_indent + unit) + meta_indent + "]\n");
    return true;
  }
  return append_to_list(source, source.logical[*assignment], unit, indexes, lines, why);
}

}  // namespace

ModelsEdit add_model_indexes(const std::string& source_text, const std::vector<DjangoModelIndex>& indexes) {
  ModelsEdit edit;
  if (indexes.empty()) {
    edit.outcome = ModelsEditOutcome::AlreadyThere;
    return edit;
  }
  PythonSource source = read_python(source_text);
  if (!source.problem.empty()) {
    edit.reason = "it cannot be read plainly: " + source.problem;
    return edit;
  }
  std::optional<ClassBody> body = find_class(source, indexes[0].model, edit.reason);
  if (!body) return edit;
  edit.class_name = body->name;
  std::vector<DjangoModelIndex> missing;
  for (const auto& index : indexes)
    if (!mentions_name(source, *body, index.name)) missing.push_back(index);
  if (missing.empty()) {
    edit.outcome = ModelsEditOutcome::AlreadyThere;
    return edit;
  }
  std::vector<std::string> lines = source.lines;
  if (!edit_class(source, *body, missing, lines, edit.reason)) return edit;
  std::string text = join_lines(lines);
  std::vector<std::string> imports;
  for (const auto& index : missing) imports.insert(imports.end(), index.imports.begin(), index.imports.end());
  if (!add_imports(text, imports, edit.reason)) return edit;
  if (!source_text.empty() && source_text.back() != '\n') text.pop_back();  // as it was
  edit.outcome = ModelsEditOutcome::Edited;
  edit.text = text;
  edit.added = missing.size();
  return edit;
}

std::string model_indexes_snippet(const std::vector<DjangoModelIndex>& indexes) {
  std::string imports;
  for (const auto& index : indexes)
    for (const auto& import : index.imports)
      if (imports.find(import + "\n") == std::string::npos) imports += import + "\n";
  return imports + "\n    class Meta:\n        indexes = [\n" + all_index_lines(indexes, "            ") + "        ]\n";
}

}  // namespace pgadvisor
