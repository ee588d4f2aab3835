#pragma once
// A store for fuzz targets: opened (and migrated) once per process, then brought back to the
// state it was opened in between inputs. Opening and migrating a store costs far more than
// most inputs do, so a fresh store per input would keep the fuzzer at a few dozen executions
// a second.
//
// Every import and load is all or nothing: a refused one must leave the store as it was (the
// target aborts otherwise, since that is a bug), and after one that wrote something the store
// is opened afresh. Only inputs that are accepted and write pay for a new store.

#include "iro/store.hpp"

#include <cstdlib>
#include <string>
#include <utility>

namespace iro::fuzz {

template <class Make>
class ReusedStore {
public:
    explicit ReusedStore(Make make) : make_(std::move(make)), store_(make_()), pristine_(store_.logical_dump()) {}

    Store& store() { return store_; }

    // After an input: `refused` says whether the import (or load) threw.
    void after(bool refused) {
        if (store_.logical_dump() == pristine_) return;
        if (refused) std::abort();  // a refused import must write nothing
        store_ = make_();
        pristine_ = store_.logical_dump();
    }

private:
    Make make_;
    Store store_;
    std::string pristine_;
};

} // namespace iro::fuzz
