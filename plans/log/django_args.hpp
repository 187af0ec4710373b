// Where the args of a Django `django.db.backends` record start: the line that ends a record is
// "<sql>; args=<python repr>" (Django 4 and later add "; alias=<name>"), and the SQL may itself
// hold "; args=" in a string literal. Pure functions on the line; linear in its length, however
// many times "; args=" occurs in it.
#pragma once

#include <string>
#include <string_view>

namespace pgadvisor {

// Where "; args=" starts: the first occurrence followed by one whole Python repr (quotes closed,
// brackets balanced and never closed before they open), optionally followed by "; alias=<name>";
// when none is, the last occurrence; npos when the line holds none.
std::size_t find_django_args(const std::string& line);

// The args of a record without Django 4's "; alias=<name>".
std::string_view without_django_alias(std::string_view args);

}  // namespace pgadvisor
