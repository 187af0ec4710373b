// --redact for the Django code of a report (rewrites' and findings' fixes): the literal values in
// it become `...` — every string or number given as a keyword argument's value or inside a list
// or tuple so given (`email="a@b"`, `id__in=[1, 2]`), and any string whose value is one of the
// SQL's string constants — while field names (`order_by("-created")`), slices and comments stay.
#pragma once

#include <set>
#include <string>

namespace pgadvisor {

std::string redact_python_literals(const std::string& code, const std::set<std::string>& values);

}  // namespace pgadvisor
