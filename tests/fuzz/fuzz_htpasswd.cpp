// htpasswd files (bcrypt only, bounded cost).
#include "auth/htpasswd.h"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    auto users = berth::auth::Htpasswd::parse(text);
    // A login against what parsed only when it is cheap: the cost is in the
    // hash (04..17 accepted); the fuzzer should not spend its time in bcrypt.
    if (users.ok() && size < 200 && text.find("$2y$04$") != std::string_view::npos)
        (void)users->verify("alice", "secret");
    return 0;
}
