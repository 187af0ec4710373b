// SQL comment tags: the key/value pairs that sqlcommenter (`/*controller='post_list',
// route='posts/%%3Cint%3Apk%3E/'*/`, at the end of a statement) and Rails' query log tags or
// marginalia (`/*application:Blog,controller:posts,action:index*/`, often at the start) write
// into each statement to say which part of the application sent it. Only a comment that opens
// or closes the statement counts; where the SQL tokens begin and end is found as libpg_query's
// scanner finds it (plans/sql/token_span), so a comment inside a string literal or a dollar
// quote is never taken. Values (and keys) are
// URL-decoded, with sqlcommenter's doubled `%%` read as `%`. A comment that is not wholly such
// pairs gives no tags.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace pgadvisor {

using SqlTags = std::map<std::string, std::string>;

// The tags of one comment's text (what is between `/*` and `*/`); empty when it holds anything
// but tag pairs.
SqlTags parse_comment_tags(std::string_view body);

// Takes the tags of the comment that opens or closes `sql` (the closing one when both carry
// tags) and cuts that comment off `sql`, so the text is the statement alone; returns the tags,
// empty (and `sql` unchanged) when there are none.
SqlTags take_comment_tags(std::string& sql);

}  // namespace pgadvisor
