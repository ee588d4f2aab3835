#pragma once
// Ordering read rows in memory. An ORDER BY that no index serves makes SQLite copy every row
// through a temporary b-tree, and one that an index serves but does not cover fetches every
// row at random; reading in table order and sorting here is several times faster for large
// results.

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace iro::detail {

// Puts rows in the order of their keys (keys[i] is the key of rows[i]), moving each row
// once: the permutation is followed cycle by cycle, with no second vector of rows.
template <class Row, class Key>
void sort_rows(std::vector<Row>& rows, const std::vector<Key>& keys) {
    std::vector<std::pair<Key, std::size_t>> order;
    order.reserve(keys.size());
    for (std::size_t k = 0; k < keys.size(); ++k) order.emplace_back(keys[k], k);
    if (std::is_sorted(order.begin(), order.end())) return;
    std::sort(order.begin(), order.end());
    for (std::size_t k = 0; k < order.size(); ++k) {
        if (order[k].second == k) continue;
        Row held = std::move(rows[k]);
        std::size_t at = k;
        while (order[at].second != k) {
            const auto from = order[at].second;
            rows[at] = std::move(rows[from]);
            order[at].second = at;
            at = from;
        }
        rows[at] = std::move(held);
        order[at].second = at;
    }
}

} // namespace iro::detail
