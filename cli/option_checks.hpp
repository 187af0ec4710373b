// Validators for the numeric options: a value outside what is accepted is refused before the
// run with one line naming the option, the value and what is accepted (CLI11 adds the option's
// name), e.g. "--max-indexes: -1: not a whole number from 0 to 10000". They replace CLI11's
// own number checks, whose messages print the type's whole range. The filters' names and times
// are checked the same way.
#pragma once

#include <CLI/CLI.hpp>

namespace pgadvisor {

CLI::Validator whole_number(long long min, long long max);
CLI::Validator non_negative_number();  // a finite number >= 0
CLI::Validator share();                // a number from 0 to 1
CLI::Validator name_value();           // a name that is not empty (--database, --user, --application)
CLI::Validator byte_size();            // a size parse_byte_size reads (--budget)
CLI::Validator time_value();           // a time parse_time_option reads (--since, --until)

}  // namespace pgadvisor
