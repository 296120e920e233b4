#ifndef PCSIM_COPENSSL_SHIM_H
#define PCSIM_COPENSSL_SHIM_H
// The system's OpenSSL 3 (libssl-dev): TLS for the HTTP server, and the digests, MACs,
// signatures and certificates of the Cryptography module.
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

// Swift imports neither function-like macros nor C variadic functions; these wrappers expose
// the ones pcsim needs, one line each.

// --- Cryptography (digests, keys) ---
static inline EVP_PKEY *pcsim_EVP_RSA_gen(unsigned int bits) {
    return EVP_RSA_gen(bits);
}

// --- TLS (HTTP) ---
static inline long pcsim_BIO_pending(BIO *bio) {
    return (long)BIO_ctrl_pending(bio);
}
static inline int pcsim_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}
static inline long pcsim_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_mode(ctx, mode);
}
static inline long pcsim_SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_session_cache_mode(ctx, mode);
}
// SSL_OP_* are built with the function-like SSL_OP_BIT macro, which Swift cannot import.
static inline uint64_t pcsim_SSL_OP_CIPHER_SERVER_PREFERENCE(void) { return SSL_OP_CIPHER_SERVER_PREFERENCE; }
static inline uint64_t pcsim_SSL_OP_NO_RENEGOTIATION(void) { return SSL_OP_NO_RENEGOTIATION; }
static inline uint64_t pcsim_SSL_OP_NO_COMPRESSION(void) { return SSL_OP_NO_COMPRESSION; }
// For the tests' raw TLS clients.
static inline int pcsim_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_max_proto_version(ctx, version);
}

#endif
