// The imports of a Python module (a models.py): whether it has `from MODULE import NAME` at its
// top level (in any of its forms: several names, parentheses over lines), and adding the import
// lines it lacks after its last top-level import before its first class or function. Pure.
#pragma once

#include <string>
#include <vector>

namespace pgadvisor {

// Adds to `text` the lines of `imports` ("from django.db import models") it does not have yet;
// false (`why` set, `text` unchanged) when it has no top-level import to put them after.
bool add_imports(std::string& text, const std::vector<std::string>& imports, std::string& why);

}  // namespace pgadvisor
