#pragma once
// The types an office snapshot archive is made of, with their Boost serialization. Each has a
// class version: a change to what a type writes raises its version, and serialize() keeps
// reading every older version. A version newer than the code knows is a FormatError.

#include "snapshot/archive_io.hpp"

#include <boost/serialization/level.hpp>
#include <boost/serialization/tracking.hpp>
#include <boost/serialization/version.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace iro::detail {

inline constexpr std::string_view kSnapshotMagic = "iro-office-snapshot";

struct SnapshotHeader {
    static constexpr unsigned int version = 1;
    std::string magic = std::string(kSnapshotMagic);
    std::string kind;          // "office" or "selection"
    std::string iro_version;
    std::int32_t schema_version = 0;
    std::string created_at;
    std::string selection;

    template <class Ar>
    void serialize(Ar& ar, unsigned int v) {
        check_class_version(v, version, "the snapshot header");
        archive_text(ar, "magic", magic);
        if constexpr (Ar::is_loading::value)
            if (magic != kSnapshotMagic)
                throw_archive_format_error(fmt::format("this is not an office snapshot (it starts with '{}', expected '{}')",
                                                       magic.substr(0, 40), kSnapshotMagic));
        archive_text(ar, "kind", kind);
        archive_text(ar, "iro_version", iro_version);
        ar & boost::serialization::make_nvp("schema_version", schema_version);
        archive_text(ar, "created_at", created_at);
        archive_text(ar, "selection", selection);
    }
};

// Bytes as hexadecimal text, for blobs in XML (which cannot hold arbitrary bytes).
template <class Ar>
void archive_hex(Ar& ar, const char* name, std::string& bytes) {
    constexpr std::string_view digits = "0123456789abcdef";
    std::string hex;
    if constexpr (Ar::is_saving::value) {
        for (unsigned char c : bytes) {
            hex += digits[c >> 4];
            hex += digits[c & 15];
        }
    }
    archive_text(ar, name, hex);
    if constexpr (Ar::is_loading::value) {
        if (hex.size() % 2) throw_archive_format_error("a blob has an odd number of hexadecimal digits");
        bytes.clear();
        for (std::size_t i = 0; i < hex.size(); i += 2) {
            const auto hi = digits.find(hex[i]);
            const auto lo = digits.find(hex[i + 1]);
            if (hi == std::string_view::npos || lo == std::string_view::npos)
                throw_archive_format_error("a blob holds a character that is not a hexadecimal digit");
            bytes += static_cast<char>(hi * 16 + lo);
        }
    }
}

enum class CellType : std::int32_t { Null = 0, Integer = 1, Real = 2, Text = 3, Blob = 4 };

// One value of a row, as SQLite types it. A real is kept as its exact hexadecimal text
// ("0x1.8p+1"), so that every format reads back the same bits (infinities included).
struct Cell {
    static constexpr unsigned int version = 1;
    CellType type = CellType::Null;
    std::int64_t integer = 0;
    std::string text;  // text, blob bytes, or the real's hexadecimal form

    friend bool operator==(const Cell&, const Cell&) = default;

    template <class Ar>
    void serialize(Ar& ar, unsigned int v) {
        check_class_version(v, version, "a table cell");
        auto tag = static_cast<std::int32_t>(type);
        ar & boost::serialization::make_nvp("type", tag);
        if (tag < 0 || tag > 4) throw_archive_format_error(fmt::format("unknown cell type {}", tag));
        type = static_cast<CellType>(tag);
        switch (type) {
        case CellType::Null: break;
        case CellType::Integer: ar & boost::serialization::make_nvp("integer", integer); break;
        case CellType::Real: archive_text(ar, "real", text); break;
        case CellType::Text: archive_text(ar, "text", text); break;
        case CellType::Blob:
            if constexpr (is_xml_archive_v<Ar>) archive_hex(ar, "blob", text);
            else archive_text(ar, "blob", text);
            break;
        }
    }
};

// A row: one cell per column of its table.
struct Row {
    static constexpr unsigned int version = 1;
    std::vector<Cell> cells;

    friend bool operator==(const Row&, const Row&) = default;

    template <class Ar>
    void serialize(Ar& ar, unsigned int v) {
        check_class_version(v, version, "a table row");
        const auto* state = current_read_state();
        archive_vector(ar, "cells", cells, state ? state->max_count : 0,
                       [](Ar& a, Cell& c) { a & boost::serialization::make_nvp("cell", c); });
    }
};

struct Table {
    static constexpr unsigned int version = 1;
    std::string name;
    std::vector<std::string> columns;
    std::vector<Row> rows;

    template <class Ar>
    void serialize(Ar& ar, unsigned int v);
};

struct SnapshotTrailer {
    static constexpr unsigned int version = 1;
    std::string checksum;  // SHA-256 hex of canonical_encoding()

    template <class Ar>
    void serialize(Ar& ar, unsigned int v) {
        check_class_version(v, version, "the snapshot trailer");
        archive_text(ar, "sha256", checksum);
    }
};

} // namespace iro::detail

BOOST_CLASS_VERSION(iro::detail::SnapshotHeader, iro::detail::SnapshotHeader::version)
BOOST_CLASS_VERSION(iro::detail::Cell, iro::detail::Cell::version)
BOOST_CLASS_VERSION(iro::detail::Row, iro::detail::Row::version)
BOOST_CLASS_VERSION(iro::detail::Table, iro::detail::Table::version)
BOOST_CLASS_VERSION(iro::detail::SnapshotTrailer, iro::detail::SnapshotTrailer::version)
BOOST_CLASS_TRACKING(iro::detail::SnapshotHeader, boost::serialization::track_never)
BOOST_CLASS_TRACKING(iro::detail::Cell, boost::serialization::track_never)
BOOST_CLASS_TRACKING(iro::detail::Row, boost::serialization::track_never)
BOOST_CLASS_TRACKING(iro::detail::Table, boost::serialization::track_never)
BOOST_CLASS_TRACKING(iro::detail::SnapshotTrailer, boost::serialization::track_never)
