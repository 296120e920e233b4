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

#endif
