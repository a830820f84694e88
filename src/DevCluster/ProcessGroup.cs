using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Grid.DevCluster;

/// <summary>
/// Background processes in a session (and process group) of their own, output appended to a log file, so they
/// outlive the tool that started them (<c>./grid.sh up</c>) and a stop or kill reaches everything they started.
/// </summary>
public static partial class ProcessGroup
{
    public const int Sigkill = 9;
    public const int Sigterm = 15;
    public const int Sigcont = 18;
    public const int Sigstop = 19;

    /// <summary>Starts <paramref name="executable"/> through <c>setsid</c>: the process keeps this pid and leads its own group.</summary>
    public static Process Start(string executable, IEnumerable<string> arguments, string logFile, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        // bash execs setsid, which execs the program: one pid throughout (setsid forks only when already a group leader).
        // bash, not sh: Debian's dash drops environment variables whose names are not shell identifiers, such as
        // Logging__LogLevel__Grid.Grains.Search, so the program would silently run without them.
        var info = new ProcessStartInfo("/bin/bash") { UseShellExecute = false, WorkingDirectory = workingDirectory ?? "" };
        foreach (var arg in new[] { "-c", "log=$1; shift; exec setsid \"$@\" >>\"$log\" 2>&1 </dev/null", "bash", logFile, executable })
            info.ArgumentList.Add(arg);
        foreach (var arg in arguments) info.ArgumentList.Add(arg);
        if (environment is not null)
            foreach (var (name, value) in environment) info.Environment[name] = value;
        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
    }

    /// <summary>Running and not a zombie (a SIGKILLed child lingers as one until it is reaped).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Sends <paramref name="signal"/> to the group <paramref name="pid"/> leads (or to the process alone when it leads none).</summary>
    public static void Signal(int pid, int signal)
    {
        if (Kill(-pid, signal) == 0) return;
        if (Kill(pid, signal) != 0 && IsAlive(pid))
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>; true when the process stopped on its own.</summary>
    public static async Task<bool> StopAsync(int pid, TimeSpan grace)
    {
        if (!IsAlive(pid)) return true;
        Signal(pid, Sigterm);
        var deadline = DateTime.UtcNow + grace;
        while (IsAlive(pid) && DateTime.UtcNow < deadline) await Task.Delay(200);
        if (!IsAlive(pid)) return true;
        Signal(pid, Sigkill);
        while (IsAlive(pid)) await Task.Delay(50);
        return false;
    }

    /// <summary>The blocking form of <see cref="StopAsync"/> (for callers that cannot await).</summary>
    public static bool Stop(int pid, TimeSpan grace)
    {
        if (!IsAlive(pid)) return true;
        Signal(pid, Sigterm);
        var deadline = DateTime.UtcNow + grace;
        while (IsAlive(pid) && DateTime.UtcNow < deadline) Thread.Sleep(200);
        if (!IsAlive(pid)) return true;
        Signal(pid, Sigkill);
        while (IsAlive(pid)) Thread.Sleep(50);
        return false;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
