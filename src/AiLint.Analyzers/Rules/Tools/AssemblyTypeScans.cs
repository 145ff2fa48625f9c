using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.Gating;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Semantic Kernel plugins imported by scanning an assembly's types:
    /// <c>foreach (var t in assembly.GetTypes().Where(IsPlugin)) kernel.ImportPluginFromObject(Activator.CreateInstance(t)!, t.Name);</c>.
    /// Every class with a <c>[KernelFunction]</c> method added to the assembly becomes a plugin of the kernel, with no
    /// change to this code: the same growth as reflection over one type's methods, one level up. Only a loop whose body
    /// hands the loop's type (or an object made from it) to a class registration is read; a scan whose types are only
    /// named, logged or registered elsewhere reaches no kernel.
    /// </summary>
    internal static class AssemblyTypeScans
    {
        private static readonly string[] ScanMembers = { "GetTypes", "GetExportedTypes", "DefinedTypes", "ExportedTypes" };

        private static readonly ConditionalWeakTable<Compilation, SpelledFiles> ScanSpellings = new ConditionalWeakTable<Compilation, SpelledFiles>();

        public const string Growth = "every class with a [KernelFunction] method added to the assembly";

        /// <summary>
        /// Whether a block of <paramref name="blocks"/> is in a file that spells an assembly's type-listing member, so may
        /// hold a scan (one word question per compilation; the blocks are not walked). Asked before the project-wide
        /// questions a scan's report needs, which types without a scan need not pay.
        /// </summary>
        public static bool MayHoldScan(List<IOperation> blocks)
        {
            foreach (var block in blocks)
            {
                if (MayHoldScan(block))
                {
                    return true;
                }
            }

            return false;
        }

        // The scan is written in the block itself (or in a local's one value there): a file that spells none of the scan
        // members cannot hold one.
        private static bool MayHoldScan(IOperation block) =>
            block.SemanticModel?.Compilation is not { } compilation
            || ScanSpellings.GetValue(compilation, c => FileWords.For(c).Spelling(ScanMembers)).Contains(block.Syntax.SyntaxTree, CancellationToken.None);

        /// <summary>The loops of <paramref name="blocks"/> that import one plugin per type of an uncapped assembly scan.</summary>
        public static List<(UnboundedSource Source, int Cap)> Find(List<IOperation> blocks, INamedTypeSymbol? enumerable, AllowListRecognizer allowList, System.Func<SyntaxTree, int> capOf)
        {
            var found = new List<(UnboundedSource, int)>();
            foreach (var block in blocks)
            {
                // Blocks of files that spell no scan member are not walked again.
                if (!MayHoldScan(block))
                {
                    continue;
                }

                foreach (var operation in block.DescendantsAndSelf())
                {
                    if (operation is IForEachLoopOperation { LoopControlVariable: IVariableDeclaratorOperation { Symbol: { } element } } loop
                        && TypeIndex.Strip(loop.Collection) is { } collection
                        && ImportsPluginOf(loop.Body, element)
                        && capOf(loop.Syntax.SyntaxTree) is var cap
                        && ScanOf(collection, block, enumerable, allowList, cap) is { } scan)
                    {
                        found.Add((new UnboundedSource($"reflection over an assembly's types ('{DescribeCall(scan)}')", collection, fixable: true, Growth), cap));
                    }
                }
            }

            return found;
        }

        /// <summary>
        /// The assembly read (<c>assembly.GetTypes()</c>, <c>GetExportedTypes()</c>, <c>DefinedTypes</c>,
        /// <c>ExportedTypes</c>) under filters and copies of its types, also through a local written only by its
        /// declaration; null when a <c>Take</c> caps it (a constant within the cap, or a number computed at run time,
        /// trusted as elsewhere), a <c>Where</c> keeps only the types a list names (<c>allowed.Contains(t.Name)</c>, see
        /// NameFilter), or the chain is anything else. Any other filter (the usual "has a [KernelFunction] method" test,
        /// a method of the project) keeps every plugin class the assembly will ever hold.
        /// </summary>
        private static IOperation? ScanOf(IOperation? collection, IOperation block, INamedTypeSymbol? enumerable, AllowListRecognizer allowList, int cap)
        {
            var followedLocal = false;
            var current = collection;
            while (current != null)
            {
                switch (current)
                {
                    case ILocalReferenceOperation local when !followedLocal:
                        followedLocal = true;
                        current = TypeIndex.Strip(OnlyValue(local.Local, block));
                        continue;
                    case IInvocationOperation invocation when IsAssemblyTypes(invocation.TargetMethod):
                        return invocation;
                    case IPropertyReferenceOperation property when property.Property.Name is "DefinedTypes" or "ExportedTypes"
                            && IsAssemblyType(property.Property.ContainingType):
                        return property;
                    case IInvocationOperation { TargetMethod.Name: "Take" } take
                            when take.Arguments.Length == 2 && SymbolEqualityComparer.Default.Equals(take.TargetMethod.ContainingType, enumerable):
                        if (!(take.Arguments[1].Value.ConstantValue is { HasValue: true, Value: int n }) || n <= cap)
                        {
                            return null;
                        }

                        current = TypeIndex.Strip(take.Arguments[0].Value);
                        continue;
                    case IInvocationOperation { TargetMethod.Name: "Where" } filter
                            when filter.Arguments.Length == 2 && SymbolEqualityComparer.Default.Equals(filter.TargetMethod.ContainingType, enumerable)
                                && IsNameAllowList(filter.Arguments[1].Value, allowList):
                        return null;
                    case IInvocationOperation { TargetMethod.Name: "Where" or "ToList" or "ToArray" or "Distinct" or "OrderBy" or "OrderByDescending" or "AsEnumerable" } keep
                            when keep.Arguments.Length > 0 && SymbolEqualityComparer.Default.Equals(keep.TargetMethod.ContainingType, enumerable):
                        current = TypeIndex.Strip(keep.Arguments[0].Value);
                        continue;
                    default:
                        return null;
                }
            }

            return null;
        }

        // Where(t => allowed.Contains(t.Name)): the types a fixed or configured list names.
        private static bool IsNameAllowList(IOperation predicate, AllowListRecognizer allowList) =>
            TypeIndex.Strip(predicate) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
            && lambda.Symbol.Parameters.Length == 1
            && lambda.Body.Operations.Length == 1 && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } condition }
            && NameFilter.Admits(allowList, condition, lambda.Symbol.Parameters[0]);

        private static bool IsAssemblyTypes(IMethodSymbol method) =>
            method.Name is "GetTypes" or "GetExportedTypes" && method.Parameters.Length == 0
            && method.ContainingType is { } type && IsAssemblyType(type);

        // System.Reflection.Assembly (also a subclass's override, such as an AssemblyBuilder's).
        private static bool IsAssemblyType(INamedTypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (current.Name == "Assembly" && current.ContainingNamespace?.ToDisplayString() == "System.Reflection")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The value of a local whose only write in the block is its declaration; null otherwise.</summary>
        private static IOperation? OnlyValue(ILocalSymbol local, IOperation block)
        {
            IOperation? value = null;
            foreach (var operation in block.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        value = declarator.Initializer?.Value;
                        break;
                    case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        return null;
                    case IArgumentOperation { Parameter.RefKind: not RefKind.None, Value: ILocalReferenceOperation passed } when SymbolEqualityComparer.Default.Equals(passed.Local, local):
                        return null;
                }
            }

            return value;
        }

        /// <summary>
        /// Whether the body hands a class registration the loop's type or an object made from it:
        /// <c>kernel.ImportPluginFromObject(Activator.CreateInstance(t)!)</c>, <c>plugins.AddFromObject(instance)</c>
        /// with <c>var instance = Activator.CreateInstance(t);</c>, <c>kernel.Plugins.Add(KernelPluginFactory.CreateFromType(t))</c>.
        /// The plugin's name argument (<c>t.Name</c>) is not the plugin.
        /// </summary>
        private static bool ImportsPluginOf(IOperation body, ISymbol element)
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation registration
                    && KernelPlugins.IsRegistration(registration.TargetMethod)
                    && KernelPlugins.ClassRegistrations.Contains(registration.TargetMethod.Name)
                    && !registration.TargetMethod.IsGenericMethod
                    && (!KernelPlugins.IsFactory(registration.TargetMethod) || IsAddedToPlugins(registration)))
                {
                    foreach (var argument in registration.Arguments)
                    {
                        if (argument.Parameter is { Name: "target" or "instanceType" }
                            && MadeFrom(TypeIndex.Strip(argument.Value), element, body, followLocal: true))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        // The loop's element itself, a call given it (Activator.CreateInstance(t), sp.GetService(t)), or a local of the body
        // written once with either.
        private static bool MadeFrom(IOperation? value, ISymbol element, IOperation body, bool followLocal)
        {
            switch (value)
            {
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, element):
                    return true;
                case ILocalReferenceOperation reference when followLocal:
                    return MadeFrom(TypeIndex.Strip(OnlyValue(reference.Local, body)), element, body, followLocal: false);
                case IInvocationOperation call:
                    foreach (var argument in call.Arguments)
                    {
                        if (TypeIndex.Strip(argument.Value) is ILocalReferenceOperation passed && SymbolEqualityComparer.Default.Equals(passed.Local, element))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        // kernel.Plugins.Add(KernelPluginFactory.CreateFromType(t)): the created plugin is added to a plugin collection.
        private static bool IsAddedToPlugins(IInvocationOperation creation)
        {
            IOperation current = creation;
            while (current.Parent is IConversionOperation conversion)
            {
                current = conversion;
            }

            return current.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add" } add }
                && KernelPlugins.IsPluginsProperty(TypeIndex.Receiver(add));
        }

        private static string DescribeCall(IOperation scan)
        {
            var text = scan.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation ? invocation.Expression + "()" : scan.Syntax.ToString();
            text = System.Text.RegularExpressions.Regex.Replace(text, @"\s*\.\s*", ".");
            text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
            return text.Length <= 80 ? text : text.Substring(0, 77) + "...";
        }
    }
}
