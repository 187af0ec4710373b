#include "plans/sql/parse_tree_edit.hpp"

#include <pg_query.h>

#include <cstdlib>
#include <cstring>
#include <utility>

namespace pgadvisor {

std::optional<ProtoTree> ProtoTree::parse(const std::string& sql, std::string* error) {
  PgQueryProtobufParseResult parsed = pg_query_parse_protobuf(sql.c_str());
  PgQuery__ParseResult* result = nullptr;
  if (parsed.error) {
    if (error) *error = parsed.error->message;
  } else {
    result = pg_query__parse_result__unpack(nullptr, parsed.parse_tree.len,
                                            reinterpret_cast<const uint8_t*>(parsed.parse_tree.data));
    if (!result && error) *error = "the parse tree could not be read";
  }
  pg_query_free_protobuf_parse_result(parsed);
  if (!result) return std::nullopt;
  return ProtoTree(result);
}

ProtoTree::ProtoTree(ProtoTree&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}

ProtoTree& ProtoTree::operator=(ProtoTree&& other) noexcept {
  if (this != &other) {
    if (result_) pg_query__parse_result__free_unpacked(result_, nullptr);
    result_ = std::exchange(other.result_, nullptr);
  }
  return *this;
}

ProtoTree::~ProtoTree() {
  if (result_) pg_query__parse_result__free_unpacked(result_, nullptr);
}

PgQuery__Node** ProtoTree::statement_slot() const {
  if (!result_ || result_->n_stmts != 1 || !result_->stmts[0] || !result_->stmts[0]->stmt) return nullptr;
  return &result_->stmts[0]->stmt;
}

PgQuery__Node* ProtoTree::statement() const {
  PgQuery__Node** slot = statement_slot();
  return slot ? *slot : nullptr;
}

PgQuery__SelectStmt* ProtoTree::select() const {
  PgQuery__Node* stmt = statement();
  return stmt && stmt->node_case == PG_QUERY__NODE__NODE_SELECT_STMT ? stmt->select_stmt : nullptr;
}

std::optional<std::string> ProtoTree::deparse(std::string* error) const {
  if (!result_) return std::nullopt;
  std::vector<uint8_t> buffer(pg_query__parse_result__get_packed_size(result_));
  size_t length = pg_query__parse_result__pack(result_, buffer.data());
  PgQueryProtobuf protobuf{length, reinterpret_cast<char*>(buffer.data())};
  PgQueryDeparseResult deparsed = pg_query_deparse_protobuf(protobuf);
  std::optional<std::string> text;
  if (deparsed.error) {
    if (error) *error = deparsed.error->message;
  } else if (deparsed.query) {
    text = deparsed.query;
  }
  pg_query_free_deparse_result(deparsed);
  return text;
}

namespace {

template <typename T>
T& field_at(ProtobufCMessage* message, unsigned offset) {
  return *reinterpret_cast<T*>(reinterpret_cast<char*>(message) + offset);
}

void walk_slot(ProtobufCMessage** slot, const ProtobufCMessageDescriptor* descriptor, TreePath& path,
               const NodeVisitor& visit);

void walk_fields(ProtobufCMessage* message, TreePath& path, const NodeVisitor& visit) {
  const ProtobufCMessageDescriptor* descriptor = message->descriptor;
  for (unsigned i = 0; i < descriptor->n_fields; ++i) {
    const ProtobufCFieldDescriptor* field = &descriptor->fields[i];
    if (field->type != PROTOBUF_C_TYPE_MESSAGE) continue;
    const auto* child_descriptor = static_cast<const ProtobufCMessageDescriptor*>(field->descriptor);
    if (field->label == PROTOBUF_C_LABEL_REPEATED) {
      size_t count = field_at<size_t>(message, field->quantifier_offset);
      ProtobufCMessage** items = field_at<ProtobufCMessage**>(message, field->offset);
      path.push_back({message, field});
      for (size_t k = 0; k < count; ++k) walk_slot(&items[k], child_descriptor, path, visit);
      path.pop_back();
      continue;
    }
    if ((field->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) &&
        field_at<uint32_t>(message, field->quantifier_offset) != field->id)
      continue;
    path.push_back({message, field});
    walk_slot(&field_at<ProtobufCMessage*>(message, field->offset), child_descriptor, path, visit);
    path.pop_back();
  }
}

void walk_slot(ProtobufCMessage** slot, const ProtobufCMessageDescriptor* descriptor, TreePath& path,
               const NodeVisitor& visit) {
  if (!*slot) return;
  if (descriptor == &pg_query__node__descriptor &&
      !visit(reinterpret_cast<PgQuery__Node**>(slot), path))
    return;
  if (*slot) walk_fields(*slot, path, visit);
}

}  // namespace

void walk_node_slots(PgQuery__Node** root, const NodeVisitor& visit) {
  TreePath path;
  walk_slot(reinterpret_cast<ProtobufCMessage**>(root), &pg_query__node__descriptor, path, visit);
}

void walk_message_slots(ProtobufCMessage* root, const NodeVisitor& visit) {
  if (!root) return;
  TreePath path;
  walk_fields(root, path, visit);
}

bool step_is(const TreeStep& step, const ProtobufCMessageDescriptor& descriptor) {
  return step.message && step.message->descriptor == &descriptor;
}

bool step_field_is(const TreeStep& step, const char* field_name) {
  return step.field && std::strcmp(step.field->name, field_name) == 0;
}

ProtobufCMessage* copy_message(const ProtobufCMessage* message) {
  if (!message) return nullptr;
  std::vector<uint8_t> buffer(protobuf_c_message_get_packed_size(message));
  size_t length = protobuf_c_message_pack(message, buffer.data());
  return protobuf_c_message_unpack(message->descriptor, nullptr, length, buffer.data());
}

PgQuery__Node* copy_node(const PgQuery__Node* node) { return copy_of(node); }

void free_message(ProtobufCMessage* message) {
  if (message) protobuf_c_message_free_unpacked(message, nullptr);
}

void free_node(PgQuery__Node* node) { free_message(reinterpret_cast<ProtobufCMessage*>(node)); }

void replace_node(PgQuery__Node** slot, PgQuery__Node* replacement) {
  if (*slot == replacement) return;
  free_node(*slot);
  *slot = replacement;
}

void set_node_list(PgQuery__Node*** items_field, size_t* count_field, const std::vector<PgQuery__Node*>& items) {
  for (size_t i = 0; i < *count_field; ++i) free_node((*items_field)[i]);
  std::free(*items_field);
  *items_field = nullptr;
  *count_field = 0;
  if (items.empty()) return;
  *items_field = static_cast<PgQuery__Node**>(std::malloc(items.size() * sizeof(PgQuery__Node*)));
  for (size_t i = 0; i < items.size(); ++i) (*items_field)[i] = items[i];
  *count_field = items.size();
}

void set_string_field(char** field, const std::string& text) {
  // protobuf-c may leave an empty string pointing at its shared constant, not to be freed.
  if (*field != protobuf_c_empty_string) std::free(*field);
  *field = static_cast<char*>(std::malloc(text.size() + 1));
  std::memcpy(*field, text.c_str(), text.size() + 1);
}

std::optional<std::string> deparse_statement(const PgQuery__Node* select, std::string* error) {
  auto tree = ProtoTree::parse("SELECT 1", error);
  if (!tree || !tree->statement_slot()) return std::nullopt;
  replace_node(tree->statement_slot(), copy_node(select));
  return tree->deparse(error);
}

std::string deparse_expression_node(const PgQuery__Node* expression) {
  static const std::string prefix = "SELECT ";
  auto tree = ProtoTree::parse(prefix + "1");
  PgQuery__SelectStmt* select = tree ? tree->select() : nullptr;
  if (!expression || !select || select->n_target_list != 1 ||
      select->target_list[0]->node_case != PG_QUERY__NODE__NODE_RES_TARGET)
    return "";
  replace_node(&select->target_list[0]->res_target->val, copy_node(expression));
  auto text = tree->deparse();
  if (!text || text->rfind(prefix, 0) != 0) return "";
  return text->substr(prefix.size());
}

namespace {

void clear_locations(ProtobufCMessage* message) {
  const ProtobufCMessageDescriptor* descriptor = message->descriptor;
  for (unsigned i = 0; i < descriptor->n_fields; ++i) {
    const ProtobufCFieldDescriptor* field = &descriptor->fields[i];
    if (field->type == PROTOBUF_C_TYPE_INT32 && field->label != PROTOBUF_C_LABEL_REPEATED &&
        (std::strcmp(field->name, "location") == 0 || std::strcmp(field->name, "stmt_location") == 0 ||
         std::strcmp(field->name, "stmt_len") == 0)) {
      field_at<int32_t>(message, field->offset) = 0;
      continue;
    }
    if (field->type != PROTOBUF_C_TYPE_MESSAGE) continue;
    if (field->label == PROTOBUF_C_LABEL_REPEATED) {
      size_t count = field_at<size_t>(message, field->quantifier_offset);
      ProtobufCMessage** items = field_at<ProtobufCMessage**>(message, field->offset);
      for (size_t k = 0; k < count; ++k)
        if (items[k]) clear_locations(items[k]);
      continue;
    }
    if ((field->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) &&
        field_at<uint32_t>(message, field->quantifier_offset) != field->id)
      continue;
    if (ProtobufCMessage* child = field_at<ProtobufCMessage*>(message, field->offset)) clear_locations(child);
  }
}

std::vector<uint8_t> packed_without_locations(const PgQuery__ParseResult* tree) {
  ProtobufCMessage* copy = copy_message(reinterpret_cast<const ProtobufCMessage*>(tree));
  std::vector<uint8_t> bytes;
  if (!copy) return bytes;
  clear_locations(copy);
  bytes.resize(protobuf_c_message_get_packed_size(copy));
  bytes.resize(protobuf_c_message_pack(copy, bytes.data()));
  free_message(copy);
  return bytes;
}

}  // namespace

bool same_tree_but_locations(const PgQuery__ParseResult* a, const PgQuery__ParseResult* b) {
  return a && b && packed_without_locations(a) == packed_without_locations(b);
}

std::string column_qualifier(const PgQuery__ColumnRef* ref) {
  if (!ref || ref->n_fields < 2) return "";
  const PgQuery__Node* qualifier = ref->fields[ref->n_fields - 2];
  if (qualifier->node_case != PG_QUERY__NODE__NODE_STRING || !qualifier->string) return "";
  return qualifier->string->sval ? qualifier->string->sval : "";
}

}  // namespace pgadvisor
