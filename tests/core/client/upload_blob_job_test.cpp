// UploadBlobJob (a blob pushed from a file or an archive: an import)
// against a real berth-registry: a job stopped while its upload's POST is
// unanswered still has the upload abandoned when the answer comes.
#include "client/body_pipe.h"
#include "client/registry_endpoint.h"
#include "client/registry_session.h"
#include "client/upload_blob_job.h"
#include "support/await.h"
#include "support/copy_support.h"
#include "support/gated_relay.h"
#include "support/registry_fixture.h"

#include <QDir>

#include <gtest/gtest.h>

#include <memory>

namespace {

using berth::client::RegistrySession;

TEST(UploadBlobJob, AnUploadOpenedAsItsJobStopsIsAbandoned)
{
    berth::test::RegistryFixture::Options options;
    options.berthRegistry = QStringLiteral(BERTH_REGISTRY_BINARY);
    berth::test::RegistryFixture target(options);
    ASSERT_TRUE(target.start()) << target.error().toStdString();
    // Scripted: a relay in front of the real registry holds every answer.
    berth::test::GatedRelay gate(target.port());
    ASSERT_TRUE(gate.listen());
    gate.holdAfter(0);
    auto held = std::make_unique<RegistrySession>(
        berth::client::RegistryEndpoint::fromUserInput(gate.url()).value());
    berth::client::BodyPipe pipe;
    auto *job = new berth::client::UploadBlobJob(
        held.get(), QStringLiteral("team/app"),
        berth::oci::Digest::parse(
            "sha256:0000000000000000000000000000000000000000000000000000000000000001")
            .value(),
        3, &pipe);
    const auto openUploads = [&target] {
        return berth::test::copying::openUploads(target.rootDir(), QStringLiteral("team/app"));
    };
    ASSERT_TRUE(berth::test::pollUntil([&] { return openUploads() > 0; }));
    job->cancel();
    gate.release();
    EXPECT_TRUE(berth::test::pollUntil([&] { return openUploads() == 0; }))
        << openUploads() << " upload(s) left open at the registry";
}

} // namespace
