using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Values that differ on every evaluation (new GUIDs, clocks, random numbers). A key computed from one of them
    /// inside the retried code is new on every attempt; a key computed from request data (<c>$"ticket:{id}"</c>) is not.
    /// </summary>
    internal static class FreshValues
    {
        public static bool Contains(IOperation operation)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (IsFresh(descendant))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsFresh(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    var method = invocation.TargetMethod;
                    return Type(method.ContainingType) switch
                    {
                        "System.Guid" => method.Name is "NewGuid" or "CreateVersion7",
                        "System.Random" or "System.Security.Cryptography.RandomNumberGenerator" => true,
                        "System.Diagnostics.Stopwatch" => method.Name == "GetTimestamp",
                        "System.TimeProvider" => method.Name is "GetUtcNow" or "GetLocalNow" or "GetTimestamp",
                        _ => method.Name == "NewUlid", // Ulid packages (Cysharp, NUlid) by name
                    };
                case IPropertyReferenceOperation property:
                    var name = property.Property.Name;
                    return Type(property.Property.ContainingType) switch
                    {
                        "System.DateTime" or "System.DateTimeOffset" => name is "Now" or "UtcNow",
                        "System.Environment" => name is "TickCount" or "TickCount64",
                        _ => false,
                    };
                case IObjectCreationOperation creation:
                    return Type(creation.Type as INamedTypeSymbol) == "System.Random";
                default:
                    return false;
            }
        }

        /// <summary>The display name of the types above, or null for any other type.</summary>
        /// <remarks>
        /// The simple-name test first: every key operation's descendants come here, and ToDisplayString builds a string.
        /// Sound because the types matched above are non-generic, so their display string ends with their simple name.
        /// </remarks>
        private static string? Type(INamedTypeSymbol? type) =>
            type?.Name is "Guid" or "Random" or "RandomNumberGenerator" or "Stopwatch" or "TimeProvider" or "DateTime" or "DateTimeOffset" or "Environment"
                ? type.OriginalDefinition.ToDisplayString()
                : null;
    }
}
