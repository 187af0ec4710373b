// Editing libpg_query's protobuf parse tree: parse a statement into an owned tree, walk every node
// slot with the path that leads to it, copy, replace and free subtrees, and deparse the tree back
// to SQL. Every node is allocated the way protobuf-c unpacks it (malloc), so a subtree can move
// between trees by copy and be freed on its own. A statement that does not parse (or a tree that
// does not deparse) comes back as nullopt with the library's message; nothing here throws.
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pgadvisor {

// The parse tree of one SQL text, freed with it.
class ProtoTree {
 public:
  static std::optional<ProtoTree> parse(const std::string& sql, std::string* error = nullptr);
  ProtoTree(ProtoTree&& other) noexcept;
  ProtoTree& operator=(ProtoTree&& other) noexcept;
  ProtoTree(const ProtoTree&) = delete;
  ProtoTree& operator=(const ProtoTree&) = delete;
  ~ProtoTree();

  PgQuery__ParseResult* result() const { return result_; }
  // The slot of the statement when the text holds exactly one; nullptr otherwise.
  PgQuery__Node** statement_slot() const;
  PgQuery__Node* statement() const;
  // The statement's SelectStmt; nullptr when it is anything else.
  PgQuery__SelectStmt* select() const;

  std::optional<std::string> deparse(std::string* error = nullptr) const;

 private:
  explicit ProtoTree(PgQuery__ParseResult* result) : result_(result) {}
  PgQuery__ParseResult* result_ = nullptr;
};

// One step of the way from a walk's root to a node slot: the message and the field followed.
struct TreeStep {
  ProtobufCMessage* message;
  const ProtobufCFieldDescriptor* field;
};
using TreePath = std::vector<TreeStep>;

// Calls `visit(slot, path)` for every non-null Node slot under `root` (the root's own slot first),
// depth first in field order; the children of a slot are walked after the visit (what it put in
// the slot) unless the visit returns false.
using NodeVisitor = std::function<bool(PgQuery__Node** slot, const TreePath& path)>;
void walk_node_slots(PgQuery__Node** root, const NodeVisitor& visit);
void walk_message_slots(ProtobufCMessage* root, const NodeVisitor& visit);

// True when the step's message is of the given type (&pg_query__select_stmt__descriptor, ...).
bool step_is(const TreeStep& step, const ProtobufCMessageDescriptor& descriptor);
bool step_field_is(const TreeStep& step, const char* field_name);

// A deep copy, owned by the caller until put in a tree; nullptr for nullptr.
PgQuery__Node* copy_node(const PgQuery__Node* node);
ProtobufCMessage* copy_message(const ProtobufCMessage* message);
template <typename Message>
Message* copy_of(const Message* message) {
  return reinterpret_cast<Message*>(copy_message(reinterpret_cast<const ProtobufCMessage*>(message)));
}

void free_node(PgQuery__Node* node);
void free_message(ProtobufCMessage* message);

// Puts `replacement` (owned) in `slot`, freeing what was there.
void replace_node(PgQuery__Node** slot, PgQuery__Node* replacement);
// Replaces a repeated field's items by `items` (owned), freeing the old ones and their array.
void set_node_list(PgQuery__Node*** items_field, size_t* count_field, const std::vector<PgQuery__Node*>& items);
// Replaces a string field's text, freeing the old one.
void set_string_field(char** field, const std::string& text);

// A statement tree around a copy of `select` (a SelectStmt node), deparsed.
std::optional<std::string> deparse_statement(const PgQuery__Node* select, std::string* error = nullptr);
// An expression as the deparser writes it (`todos_todo.id`); empty when it cannot.
std::string deparse_expression_node(const PgQuery__Node* expression);

// True when the two trees are the same but for source locations: what a deparsed text means is
// what was built when its parse is the same tree.
bool same_tree_but_locations(const PgQuery__ParseResult* a, const PgQuery__ParseResult* b);

// The qualifier of a column reference (`t` in t.a, s.t.a and t.*); empty for an unqualified one.
std::string column_qualifier(const PgQuery__ColumnRef* ref);

}  // namespace pgadvisor
