// The agreement state machine, table by table.
#include "test_support.hpp"

using namespace iro;
using S = AgreementStatus;
using Catch::Matchers::Contains;

TEST_CASE("the lifecycle allows exactly the documented moves", "[lifecycle]") {
    const std::vector<std::pair<S, S>> legal = {
        {S::Proposed, S::InNegotiation},     {S::Proposed, S::Terminated},        {S::InNegotiation, S::UnderReview},
        {S::InNegotiation, S::Terminated},   {S::UnderReview, S::InNegotiation},  {S::UnderReview, S::AwaitingSignature},
        {S::UnderReview, S::Terminated},     {S::AwaitingSignature, S::InForce},  {S::AwaitingSignature, S::InNegotiation},
        {S::AwaitingSignature, S::Terminated}, {S::InForce, S::Expired},          {S::InForce, S::Renewed},
        {S::InForce, S::Terminated},         {S::Expired, S::Renewed},
    };
    int legal_count = 0;
    for (const auto& [from, _] : EnumNames<S>::table) {
        for (const auto& [to, __] : EnumNames<S>::table) {
            const bool expected = std::find(legal.begin(), legal.end(), std::pair{from, to}) != legal.end();
            INFO(to_string(from) << " -> " << to_string(to));
            CHECK(is_legal_transition(from, to) == expected);
            legal_count += expected;
        }
    }
    CHECK(legal_count == 14);
    CHECK(is_final(S::Renewed));
    CHECK(is_final(S::Terminated));
    CHECK_FALSE(is_final(S::Expired));
}

TEST_CASE("an illegal move names both states and what is allowed", "[lifecycle]") {
    CHECK_THROWS_AS(check_transition(S::Proposed, S::InForce), ConflictError);
    CHECK_THROWS_WITH(check_transition(S::Proposed, S::InForce),
                      Contains("'proposed'") && Contains("'in_force'") && Contains("'in_negotiation'"));
    CHECK_THROWS_WITH(check_transition(S::Terminated, S::InForce), Contains("final state"));
}
