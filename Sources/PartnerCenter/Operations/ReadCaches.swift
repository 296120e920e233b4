/// Values the read path derives from the database, kept until the next write (see
/// GenerationCache): one set per simulator instance, shared by every operation.
final class ReadCaches: Sendable {
    let partners = GenerationCache<String, PartnerRecord?>(limit: 10_000)
    let porFacts = GenerationCache<PORFactsKey, PORValidator.Facts>(limit: 200_000)
}
