#pragma once
// Argument conversions shared by the interchange bindings (bind_interchange.cpp: ROR; bind_ewp.cpp: EWP).

#include "convert.hpp"

#include <string>

namespace iro::python {

// A file path: a str or an os.PathLike object.
std::string file_path_arg(py::handle path, const char* field);

// The text of a document: a str (UTF-8) or bytes as given.
std::string text_arg(py::handle text, const char* field);

// Exactly one of `text` (str or bytes) and `path` (read whole, in binary); ValidationError
// when both or neither are given, NotFoundError when the file does not exist, StorageError
// when it cannot be read.
std::string document_arg(py::handle text, py::handle path, const char* text_field);

// "'text'", for reprs.
std::string quoted_text(const std::string& s);

} // namespace iro::python
