/// A promotion the user asked for that cannot be made as asked; each names what to fix.
public struct PromotionError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
