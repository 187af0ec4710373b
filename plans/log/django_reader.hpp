// DjangoReader: reads the DEBUG log of Django's `django.db.backends` logger, one record per query:
// "(0.002) SELECT ...; args=(1, 'x')" (Django 3.2) or
// "(0.002) SELECT ...; args=(1,); alias=default"
// (Django 4 and later), the SQL possibly spanning several lines. Each record becomes a Statement
// with its duration; the driver already pasted the parameters into the SQL, so params stay empty,
// and the log knows no session, user or time. A record of `cursor.executemany(sql, rows)` logs
// the SQL with psycopg2's %s placeholders and the rows as args: it becomes one Statement per row,
// the SQL with $1..$n and the row's values as params (None is NULL, strings as they are, numbers
// and booleans as written), each with an equal share of the logged time; a row value that cannot
// be passed as text (a date, bytes, a list) makes the record one Diagnostic instead.
// A line that belongs to no record becomes a Diagnostic and reading goes on; the reader never
// throws on bad input.
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <utility>

#include "plans/log/log_sink.hpp"

namespace pgadvisor {

void read_django_log(std::istream& in, const std::string& source, const LogSink& sink);

// True when the line starts a Django SQL record, "(<seconds>) " (used to detect the format).
bool is_django_record_line(const std::string& line);

// psycopg2's paramstyle, as executemany receives the SQL: each %s is the next parameter and %%
// a percent sign. The SQL with $1..$n instead, and n; nullopt for any other % sequence
// (%(name)s with dict rows, or a format psycopg2 refuses).
std::optional<std::pair<std::string, size_t>> numbered_placeholders(const std::string& sql);

}  // namespace pgadvisor
