// Document references stay inside the configured document root: refused when written with a
// path leading out, refused when resolved through a symbolic link leading out.
#include "test_support.hpp"

#include <fstream>

using namespace iro;
using namespace iro::test;
using Catch::Matchers::Contains;

namespace {
namespace fs = std::filesystem;

struct RootedOffice {
    RootedOffice() {
        fs::create_directories(dir.path() / "docs" / "mou");
        fs::create_directories(dir.path() / "outside");
        std::ofstream(dir.path() / "docs" / "mou" / "signed.pdf", std::ios::binary) << "%PDF-1.7 signed copy";
        std::ofstream(dir.path() / "outside" / "secret.txt", std::ios::binary) << "not for partners";
        OpenOptions options;
        options.document_root = (dir.path() / "docs").string();
        store.emplace(Store::open(dir.file("office.db"), options));
        office.emplace(*store);
    }
    TempDir dir;
    std::optional<Store> store;
    std::optional<SmallOffice> office;
};

Agreement with_document(const SmallOffice& office, std::string location) {
    auto a = office.mou(office.jordan);
    a.documents = {DocumentRef{"Signed copy", std::move(location), ""}};
    return a;
}
} // namespace

TEST_CASE("locations inside the document root, and URLs, are accepted", "[documents]") {
    RootedOffice t;
    auto& store = *t.store;
    const auto root = fs::canonical(t.dir.path() / "docs");
    CHECK(store.document_root() == root.string());
    for (const std::string& location : std::vector<std::string>{"mou/signed.pdf", "mou/../mou/signed.pdf", "./mou/new.pdf",
                                       (root / "mou" / "signed.pdf").string(), "https://files.example.org/mou.pdf",
                                       "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66"}) {
        INFO(location);
        const auto id = store.agreements().add(with_document(*t.office, location));
        CHECK(store.agreements().get(id).documents.at(0).location == location);
    }
}

TEST_CASE("locations leading outside the document root are refused and change nothing", "[documents]") {
    RootedOffice t;
    auto& store = *t.store;
    const auto before = store.logical_dump();
    const auto outside = (t.dir.path() / "outside" / "secret.txt").string();
    for (const std::string& location : std::vector<std::string>{"../outside/secret.txt", "mou/../../outside/secret.txt", "..", ".", outside,
                                       "/etc/passwd", "file:///etc/passwd", "FILE:mou/signed.pdf"}) {
        INFO(location);
        CHECK_THROWS_AS(store.agreements().add(with_document(*t.office, location)), ValidationError);
    CHECK_THROWS_WITH(store.agreements().add(with_document(*t.office, location)), Contains("invalid documents[0].location") &&
                                            Contains("a path inside the document root"));
    }
    // The same rule for activities' evidence and accreditation evidence, on add and update.
    Activity activity;
    activity.type = ActivityType::Conference;
    activity.title = "Joint workshop";
    activity.start = d("2025-03-01");
    activity.partners = {t.office->jordan};
    activity.evidence = {DocumentRef{"Programme", "../outside/secret.txt", ""}};
    CHECK_THROWS_AS(store.activities().add(activity), ValidationError);
    CHECK_THROWS_WITH(store.activities().add(activity), Contains("invalid evidence[0].location"));
    CHECK(store.logical_dump() == before);

    activity.evidence = {DocumentRef{"Programme", "programme.pdf", ""}};
    activity.id = store.activities().add(activity);
    const auto with_activity = store.logical_dump();
    activity.evidence.at(0).location = "/tmp/programme.pdf";
    CHECK_THROWS_AS(store.activities().update(activity), ValidationError);

    const auto agreement = store.agreements().add(with_document(*t.office, "mou/signed.pdf"));
    auto a = store.agreements().get(agreement);
    const auto with_agreement = store.logical_dump();
    a.documents.at(0).location = "../outside/secret.txt";
    CHECK_THROWS_AS(store.agreements().update(a), ValidationError);
    CHECK(store.logical_dump() == with_agreement);
    CHECK(with_agreement != with_activity);
}

TEST_CASE("document_path resolves inside the root and refuses symbolic links leading out", "[documents]") {
    RootedOffice t;
    auto& store = *t.store;
    const auto root = fs::canonical(t.dir.path() / "docs");
    CHECK(store.document_path(DocumentRef{"", "mou/signed.pdf", ""}) == (root / "mou" / "signed.pdf").string());
    CHECK(store.document_path(DocumentRef{"", "mou/not-yet-scanned.pdf", ""}) ==
          (root / "mou" / "not-yet-scanned.pdf").string());

    // A link inside the root that points out of it: its location looks harmless when written.
    fs::create_symlink(t.dir.path() / "outside", root / "shared");
    const auto id = store.agreements().add(with_document(*t.office, "shared/secret.txt"));
    const auto ref = store.agreements().get(id).documents.at(0);
    CHECK_THROWS_AS(store.document_path(ref), ValidationError);
    CHECK_THROWS_WITH(store.document_path(ref), Contains("invalid location 'shared/secret.txt'") &&
                                        Contains("inside the document root"));
    CHECK_THROWS_AS(store.document_path(DocumentRef{"", "https://example.org/a.pdf", ""}), ValidationError);
    CHECK_THROWS_WITH(store.document_path(DocumentRef{"", "https://example.org/a.pdf", ""}), Contains("a URL has no local file"));
    // A reference stored before the root was configured (or loaded from a snapshot) is checked too.
    CHECK_THROWS_AS(store.document_path(DocumentRef{"", "../outside/secret.txt", ""}), ValidationError);
    CHECK_THROWS_AS(store.document_path(DocumentRef{"", "/etc/passwd", ""}), ValidationError);
}

TEST_CASE("verify_document compares the file with its recorded SHA-256", "[documents]") {
    RootedOffice t;
    auto& store = *t.store;
    const auto digest = sha256_hex("%PDF-1.7 signed copy");
    CHECK(sha256_file_hex((t.dir.path() / "docs" / "mou" / "signed.pdf").string()) == digest);

    CHECK(store.verify_document(DocumentRef{"Signed", "mou/signed.pdf", digest}));
    std::string upper = digest;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    CHECK(store.verify_document(DocumentRef{"Signed", "mou/signed.pdf", upper}));
    CHECK_FALSE(store.verify_document(DocumentRef{"Signed", "mou/signed.pdf", std::string(64, 'a')}));
    CHECK_THROWS_AS(store.verify_document(DocumentRef{"Signed", "mou/signed.pdf", ""}), ValidationError);
    CHECK_THROWS_WITH(store.verify_document(DocumentRef{"Signed", "mou/signed.pdf", ""}), Contains("invalid sha256"));
    CHECK_THROWS_AS(store.verify_document(DocumentRef{"Lost", "mou/lost.pdf", digest}), NotFoundError);
    CHECK_THROWS_WITH(store.verify_document(DocumentRef{"Lost", "mou/lost.pdf", digest}), Contains("lost.pdf"));
}

TEST_CASE("without a document root locations are kept as given and cannot be resolved", "[documents]") {
    TestStore t(false);
    SmallOffice office(t.store);
    const auto id = t.store.agreements().add(with_document(office, "../anywhere/scan.pdf"));
    CHECK(t.store.agreements().get(id).documents.at(0).location == "../anywhere/scan.pdf");
    CHECK(t.store.document_root().empty());
    CHECK_THROWS_AS(t.store.document_path(DocumentRef{"", "scan.pdf", ""}), ValidationError);
    CHECK_THROWS_WITH(t.store.document_path(DocumentRef{"", "scan.pdf", ""}), Contains("invalid document_root") && Contains("OpenOptions::document_root"));
}

TEST_CASE("a document root that is not an existing directory is refused", "[documents]") {
    TempDir dir;
    std::ofstream(dir.path() / "a-file.txt") << "x";
    for (const auto& root : {(dir.path() / "missing").string(), (dir.path() / "a-file.txt").string()}) {
        OpenOptions options;
        options.document_root = root;
        CHECK_THROWS_AS(Store::open(dir.file("office.db"), options), ValidationError);
    CHECK_THROWS_WITH(Store::open(dir.file("office.db"), options), Contains("invalid document_root") && Contains("an existing directory"));
    }
}
