// DjangoReader: reads the DEBUG log of Django's `django.db.backends` logger, one record per query:
// "(0.002) SELECT ...; args=(1, 'x')" (Django 3.2) or
// "(0.002) SELECT ...; args=(1,); alias=default"
// (Django 4 and later), the SQL possibly spanning several lines. Each record becomes a Statement
// with its duration; the driver already pasted the parameters into the SQL, so params stay empty,
// and the log knows no session, user or time. A line that belongs to no record becomes a
// Diagnostic and reading goes on; the reader never throws on bad input.
#pragma once

#include <istream>
#include <string>

#include "plans/log/log_sink.hpp"

namespace pgadvisor {

void read_django_log(std::istream& in, const std::string& source, const LogSink& sink);

// True when the line starts a Django SQL record, "(<seconds>) " (used to detect the format).
bool is_django_record_line(const std::string& line);

}  // namespace pgadvisor
