using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A factory client that is not kept in a local: used in the same expression
    /// (<c>factory.CreateClient("llm").PostAsync(...)</c>), or kept in a field of the service, which real services
    /// assign in their constructor (<c>_client = httpClientFactory.CreateClient("llm");</c>) and POST with elsewhere.
    /// </summary>
    internal sealed partial class HttpClientLlmUse
    {
        /// <summary>
        /// <paramref name="value"/> (the lookup, past conversions) is the receiver of the call it sits in: an instance
        /// <c>PostAsync</c>/<c>SendAsync</c> or an extension <c>PostAsJsonAsync</c> whose <c>this</c> argument it is.
        /// </summary>
        private bool ChainedCallUsesForLlm(IOperation value)
        {
            var call = value.Parent switch
            {
                IInvocationOperation instanceCall when instanceCall.Instance is { } instance && ReferenceEquals(instance, value) => instanceCall,
                IArgumentOperation { Parent: IInvocationOperation extensionCall } argument
                    when extensionCall.Instance is null && ReferenceEquals(ValueOrigins.Receiver(extensionCall), argument.Value) => extensionCall,
                _ => null,
            };

            var held = Unwrap(value);
            return call is not null && IsGenerationPost(call, receiver => ReferenceEquals(Unwrap(receiver), held));
        }

        /// <summary>
        /// <paramref name="value"/> is assigned to a field of the type (or initializes one), every write of that field in
        /// the type stores the same lookup (the same method, the same constant names), and the type's code hands the
        /// field to an LLM SDK or POSTs generation requests with it. A field that other types may write (neither private
        /// nor read-only), or that some write fills otherwise (another name, a parameter, null), may hold another client:
        /// not followed.
        /// </summary>
        private bool HeldInFieldUsedForLlm(IOperation value)
        {
            var field = value.Parent switch
            {
                ISimpleAssignmentOperation { Target: IFieldReferenceOperation target } assignment when ReferenceEquals(assignment.Value, value) => target.Field,
                IFieldInitializerOperation { InitializedFields: { Length: 1 } fields } => fields[0],
                _ => null,
            };

            if (field is null || Unwrap(value) is not IInvocationOperation lookup || !IsHttpClient(field.Type)
                || !(field.IsReadOnly || field.DeclaredAccessibility == Accessibility.Private)
                || !SymbolEqualityComparer.Default.Equals(field.ContainingAssembly, compilation.Assembly))
            {
                return false;
            }

            var bodies = TypeBodies(field.ContainingType, CancellationToken.None).ToList();
            if (bodies.Any(MentionsIdempotency) || !bodies.All(body => WritesOnlyTheSameLookup(body, field, lookup)))
            {
                return false;
            }

            bool IsField(IOperation operand) => Unwrap(operand) is IFieldReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Field, field);
            return bodies.Any(body => body.Descendants().Any(o => UsesForLlm(o, IsField)));
        }

        /// <summary>Every write of <paramref name="field"/> in <paramref name="body"/> stores the same lookup as <paramref name="lookup"/>.</summary>
        private static bool WritesOnlyTheSameLookup(IOperation body, IFieldSymbol field, IInvocationOperation lookup)
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IFieldInitializerOperation initializer when initializer.InitializedFields.Contains(field, SymbolEqualityComparer.Default):
                        if (!SameLookup(initializer.Value, lookup))
                        {
                            return false;
                        }

                        break;
                    case IFieldReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Field, field):
                        if (!IsWritten(reference))
                        {
                            break;
                        }

                        if (reference.Parent is not ISimpleAssignmentOperation assignment || !ReferenceEquals(assignment.Target, reference) || !SameLookup(assignment.Value, lookup))
                        {
                            return false; // `??=`, `ref _client`, a deconstruction, another value: not one known client
                        }

                        break;
                }
            }

            return true;
        }

        // A write: the target of an assignment (simple, compound, `??=`, deconstruction) or a ref/out argument.
        private static bool IsWritten(IFieldReferenceOperation reference)
        {
            IOperation current = reference;
            while (current.Parent is ITupleOperation or IConversionOperation)
            {
                current = current.Parent;
            }

            return current.Parent switch
            {
                IAssignmentOperation assignment => ReferenceEquals(assignment.Target, current),
                IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
                IIncrementOrDecrementOperation => true,
                _ => false,
            };
        }

        /// <summary>The same method (<c>CreateClient</c>, a keyed lookup) with the same constant text for each string argument.</summary>
        private static bool SameLookup(IOperation value, IInvocationOperation lookup)
        {
            if (Unwrap(value) is not IInvocationOperation other
                || !SymbolEqualityComparer.Default.Equals(other.TargetMethod, lookup.TargetMethod)
                || other.Arguments.Length != lookup.Arguments.Length)
            {
                return false;
            }

            foreach (var argument in lookup.Arguments)
            {
                if (argument.Parameter?.Type.SpecialType != SpecialType.System_String)
                {
                    continue;
                }

                var theirs = other.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter, argument.Parameter));
                if (theirs is null || ValueOrigins.ConstantString(argument.Value) is not { } name || ValueOrigins.ConstantString(theirs.Value) != name)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
