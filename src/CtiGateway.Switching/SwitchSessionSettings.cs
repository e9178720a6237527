namespace CtiGateway.Switching;

/// <summary>
/// The ECMA-354 application session of one switch (<c>Switches:N:Session</c>), for profiles with
/// <c>dialect.application-session</c> (Avaya AES DMCC): the log-in sent with StartApplicationSession and, for
/// profiles with <c>dialect.device-id</c> <c>get-device-id</c>, the Communication Manager that GetDeviceId names.
/// The password is never logged; <see cref="PasswordFile"/> keeps it out of the configuration file.
/// </summary>
public sealed class SwitchSessionSettings
{
    /// <summary>Largest password file read (bytes).</summary>
    public const int MaxPasswordFileBytes = 4096;

    /// <summary>applicationInfo/applicationID of StartApplicationSession.</summary>
    public string ApplicationId { get; set; } = "CtiGateway";

    /// <summary>AES user name (CTI user); empty sends no log-in.</summary>
    public string UserName { get; set; } = string.Empty;

    /// <summary>AES password as a literal; prefer <see cref="PasswordFile"/>.</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>A file readable by the service holding the AES password (one line; a trailing newline is dropped).</summary>
    public string PasswordFile { get; set; } = string.Empty;

    /// <summary>GetDeviceId switchName: the switch connection name administered on the AES (e.g. CM1).</summary>
    public string CmName { get; set; } = string.Empty;

    /// <summary>GetDeviceId switchIPInterface: IP address of the CM's procr/CLAN (optional when CmName is given).</summary>
    public string CmAddress { get; set; } = string.Empty;

    /// <summary>Whether any log-in key is set.</summary>
    internal bool HasLogin => UserName.Length > 0 || Password.Length > 0 || PasswordFile.Length > 0;

    /// <summary>What identifies the session settings for reload: every key, the password only as a hash.</summary>
    internal string Signature()
    {
        string secret;
        try
        {
            secret = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ResolvePassword() ?? string.Empty)));
        }
        catch (SwitchConfigException)
        {
            secret = "unreadable";
        }

        return $"{ApplicationId}/{UserName}/{PasswordFile}/{secret}/{CmName}/{CmAddress}";
    }

    /// <summary>The password: the literal, the first line of <see cref="PasswordFile"/>, or null when neither is set.</summary>
    /// <exception cref="SwitchConfigException">The password file is missing, unreadable, too large or empty.</exception>
    public string? ResolvePassword()
    {
        if (Password.Length > 0)
        {
            return Password;
        }

        if (PasswordFile.Length == 0)
        {
            return null;
        }

        string text;
        try
        {
            var info = new FileInfo(PasswordFile);
            if (!info.Exists)
            {
                throw new SwitchConfigException($"password file '{PasswordFile}' not found");
            }

            if (info.Length > MaxPasswordFileBytes)
            {
                throw new SwitchConfigException($"password file '{PasswordFile}' is {info.Length} bytes (at most {MaxPasswordFileBytes})");
            }

            text = File.ReadAllText(PasswordFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SwitchConfigException($"password file '{PasswordFile}' cannot be read by the service: {ex.Message}", ex);
        }

        var line = text.Split('\n', 2)[0].TrimEnd('\r');
        return line.Length == 0 ? throw new SwitchConfigException($"password file '{PasswordFile}' is empty (the password is its first line)") : line;
    }

    /// <summary>Problems of these settings, one line each with the key path.</summary>
    internal IEnumerable<string> Validate(string key, bool hasSession, bool needsDeviceIds, string profileId)
    {
        if (!hasSession && (HasLogin || CmName.Length > 0 || CmAddress.Length > 0))
        {
            yield return $"{key}: profile '{profileId}' has no application session (dialect.application-session); the Session keys do not apply";
            yield break;
        }

        if (string.IsNullOrWhiteSpace(ApplicationId))
        {
            yield return $"{key}:ApplicationId: an application id is required";
        }

        if (Password.Length > 0 && PasswordFile.Length > 0)
        {
            yield return $"{key}: give Password or PasswordFile, not both";
        }
        else if (UserName.Length > 0 != (Password.Length > 0 || PasswordFile.Length > 0))
        {
            yield return UserName.Length > 0
                ? $"{key}:Password: user name '{UserName}' has no Password or PasswordFile (give both or neither)"
                : $"{key}:UserName: a password is given without a UserName (give both or neither)";
        }

        if (PasswordFile.Length > 0)
        {
            string? problem = null;
            if (!Path.IsPathRooted(PasswordFile))
            {
                problem = $"{key}:PasswordFile: '{PasswordFile}' is not an absolute path";
            }
            else
            {
                try
                {
                    ResolvePassword();
                }
                catch (SwitchConfigException ex)
                {
                    problem = $"{key}:PasswordFile: {ex.Message}";
                }
            }

            if (problem is not null)
            {
                yield return problem;
            }
        }

        if (needsDeviceIds && CmName.Length == 0 && CmAddress.Length == 0)
        {
            yield return $"{key}:CmName: profile '{profileId}' resolves DNs with GetDeviceId, which needs the switch connection name (CmName) or the CM's address (CmAddress)";
        }

        if (CmAddress.Length > 0 && !System.Net.IPAddress.TryParse(CmAddress, out _) && Uri.CheckHostName(CmAddress) == UriHostNameType.Unknown)
        {
            yield return $"{key}:CmAddress: '{CmAddress}' is not an IP address or host name";
        }
    }
}
