#pragma once

#include "server/api_exchange.h"
#include "server/blob_fill.h"

#include "oci/digest.h"

#include <memory>

namespace berth::server {

// A GET of a blob a mirror is fetching: answered once the upstream has
// (the connection waits for that suspended, holding no thread), with the
// blob streamed from the fill as it arrives — all of it, or the Range
// asked — or with the upstream's refusal. A Range that stops short of the
// blob's end waits until the whole blob matched its digest: it would
// otherwise be served complete from bytes nobody has checked.
class MirrorBlobExchange : public ApiExchange
{
public:
    MirrorBlobExchange(std::shared_ptr<BlobFill> fill, const HttpRequest &request,
                       oci::Digest digest);

    bool onBody(const char *, std::size_t) override { return true; }
    bool answerReady() const override;
    bool wakeWhenReady(std::function<void()> wake) override;
    HttpResponse finish() override;

private:
    bool readyIn(BlobFill::Phase phase) const;
    bool stopsShortOfTheEnd() const;

    std::shared_ptr<BlobFill> m_fill;
    HttpRequest m_request; // its method and Range
    oci::Digest m_digest;
};

} // namespace berth::server
