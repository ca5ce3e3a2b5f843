package io.sluice.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A table of invalid flow documents, each with the error it must produce (path and start of message). Documents are
 * written with ' for " to keep the table readable. S(...) wraps a source into a flow with one rtp output, O(...) an
 * output into a flow with one rtp source.
 */
class InvalidDocumentsTest {
    private static final String ROLE = "'RoleArn':'arn:aws:iam::111122223333:role/sluice'";
    private static final String SECRET = "'SecretArn':'arn:aws:secretsmanager:us-east-1:111122223333:secret:k'";
    private static final String RTP_OUT = "{'Protocol':'rtp','Destination':'127.0.0.1','Port':6000}";
    private static final String RTP_SRC = "{'Protocol':'rtp','IngestPort':5000}";

    record Case(String json, String expected) {
        @Override
        public String toString() {
            return expected;
        }
    }

    static Case c(String json, String expected) {
        return new Case(json.replace('\'', '"'), expected);
    }

    static String S(String source) {
        return "{'Name':'f','Source':" + source + ",'Outputs':[" + RTP_OUT + "]}";
    }

    static String O(String output) {
        return "{'Name':'f','Source':" + RTP_SRC + ",'Outputs':[" + output + "]}";
    }

    static String outputs(int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ",").append("{'Protocol':'rtp','Destination':'127.0.0.1','Port':").append(6000 + i).append('}');
        }
        return "{'Name':'f','Source':" + RTP_SRC + ",'Outputs':[" + sb + "]}";
    }

    static List<Case> cases() {
        return List.of(
            // the document itself
            c("", "the document is empty"),
            c("{'Name':", "not valid JSON at line 1"),
            c("[1,2]", "expected an object, found a list"),
            c("{'Name':'f'} {}", "not valid JSON"),
            c("{'Name':'f','Name':'g'}", "not valid JSON at line 1, column 19: Duplicate field 'Name'"),
            c("{'Source':" + RTP_SRC + "}", "Name: is required"),
            c("{'Name':'', 'Source':" + RTP_SRC + "}", "Name: must not be empty"),
            c("{'Name':'my flow','Source':" + RTP_SRC + "}", "Name: \"my flow\" has characters other than"),
            c("{'Name':'" + "x".repeat(65) + "','Source':" + RTP_SRC + "}", "Name: is 65 characters long (expected at most 64)"),
            c("{'Name':7,'Source':" + RTP_SRC + "}", "Name: expected a string, found 7"),
            c("{'Name':'f'}", "Source: a flow needs a source"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'Sources':[" + RTP_SRC + "]}", "Sources: give either Source (one source) or Sources"),
            c("{'Name':'f','Sources':[]}", "Sources: a flow needs a source"),
            c("{'Name':'f','Sources':[{'Name':'a','Protocol':'rtp','IngestPort':5000},{'Name':'b','Protocol':'rtp','IngestPort':5010},"
                    + "{'Name':'c','Protocol':'rtp','IngestPort':5020}],'SourceFailoverConfig':{'State':'ENABLED'}}",
                    "Sources: has 3 sources (expected 1, or 2 for failover or merge)"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'Outputz':[]}", "Outputz: unknown member (did you mean \"Outputs\"?)"),
            c("{'name':'f','source':" + RTP_SRC.replace("Protocol", "protocol").replace("IngestPort", "ingestPort") + ",'ouptuts':[]}",
                    "ouptuts: unknown member (did you mean \"outputs\"?)"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'Colour':'red'}", "Colour: unknown member (expected one of Name, "),
            c("{'Name':'f','name':'g','Source':" + RTP_SRC + "}", "name: duplicate of member \"Name\""),
            c("{'Name':'f','Source':" + RTP_SRC + ",'FlowArn':'arn:aws:mediaconnect:us-east-1:111122223333:flow:1-a:f'}",
                    "FlowArn: FlowArn is a member of MediaConnect's response"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'NdiConfig':{}}", "NdiConfig: NdiConfig is a newer MediaConnect member that Sluice does not support"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'FlowSize':'LARGE_4X'}", "FlowSize: \"LARGE_4X\" is for CDI and JPEG XS flows"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'FlowSize':'HUGE'}", "FlowSize: \"HUGE\" is not a valid FlowSize (expected one of \"MEDIUM\""),
            c("{'Name':'f','Source':" + RTP_SRC + ",'FlowTags':{'team':1}}", "FlowTags.team: expected a string, found 1"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'Outputs':{}}", "Outputs: expected a list, found an object"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'Outputs':[42]}", "Outputs[0]: expected an object, found 42"),
            c(outputs(51), "Outputs: has 51 outputs (expected at most 50)"),
            // sources
            c(S("{'IngestPort':5000}"), "Source.Protocol: is required"),
            c(S("{'Protocol':'RTP','IngestPort':5000}"), "Source.Protocol: \"RTP\" is not a valid Protocol (expected one of \"rtp\""),
            c(S("{'Protocol':'zixi-push','IngestPort':2088}"), "Source.Protocol: zixi-push is Zixi's proprietary protocol, which Sluice cannot carry; use srt-listener or rist"),
            c(S("{'Protocol':'fujitsu-qos','IngestPort':5000}"), "Source.Protocol: fujitsu-qos is Fujitsu's proprietary protocol"),
            c(S("{'Protocol':'cdi','IngestPort':5000}"), "Source.Protocol: cdi (AWS Cloud Digital Interface) needs AWS EFA network hardware"),
            c(S("{'Protocol':'st2110-jpegxs'}"), "Source.Protocol: st2110-jpegxs carries ST 2110 JPEG XS essence"),
            c(S("{'Protocol':'ndi-speed-hq'}"), "Source.Protocol: ndi-speed-hq needs the proprietary NDI SDK"),
            c(S("{'Protocol':'rtp'}"), "Source.IngestPort: is required for rtp sources"),
            c(S("{'Protocol':'rtp','IngestPort':70000}"), "Source.IngestPort: 70000 is out of range 1024-65535"),
            c(S("{'Protocol':'rtp','IngestPort':80}"), "Source.IngestPort: 80 is out of range 1024-65535"),
            c(S("{'Protocol':'rtp','IngestPort':'5000'}"), "Source.IngestPort: expected an integer, found \"5000\""),
            c(S("{'Protocol':'rtp','IngestPort':5000.5}"), "Source.IngestPort: expected an integer, found 5000.5"),
            c(S("{'Protocol':'rtp','IngestPort':99999999999}"), "Source.IngestPort: expected an integer, found 99999999999"),
            c(S("{'Protocol':'rist','IngestPort':5001}"), "Source.IngestPort: 5001 is odd (rist needs an even port"),
            c(S("{'Protocol':'rtp-fec','IngestPort':65533}"), "Source.IngestPort: 65533 leaves no room for the rtp-fec port 65537 (expected at most 65531)"),
            c(S("{'Protocol':'srt-listener','IngestPort':2077}"), "Source.IngestPort: 2077 is reserved for Zixi"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'WhitelistCidr':'10.0.0.0/33'}"), "Source.WhitelistCidr: \"10.0.0.0/33\" has prefix 33 (expected 0-32 for IPv4)"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'WhitelistCidr':'10.0.0.1'}"), "Source.WhitelistCidr: \"10.0.0.1\" has no prefix length"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'WhitelistCidr':'2001:db8::/129'}"), "Source.WhitelistCidr: \"2001:db8::/129\" has prefix 129 (expected 0-128 for IPv6)"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'WhitelistCidr':'2001:db8:::1/64'}"), "Source.WhitelistCidr: \"2001:db8:::1/64\": \"2001:db8:::1\" is not an IPv4 or IPv6 address"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'WhitelistCidr':'300.0.0.0/8'}"), "Source.WhitelistCidr: \"300.0.0.0/8\": \"300.0.0.0\" is not an IPv4 or IPv6 address"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'MinLatency':200}"), "Source.MinLatency: applies to srt-listener and srt-caller sources only"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'MaxLatency':200}"), "Source.MaxLatency: applies to rist and srt sources only"),
            c(S("{'Protocol':'rist','IngestPort':5000,'MaxLatency':0}"), "Source.MaxLatency: 0 is out of range 1-15000"),
            c(S("{'Protocol':'srt-listener','IngestPort':5000,'MinLatency':50}"), "Source.MinLatency: 50 is out of range 100-15000"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'MaxBitrate':0}"), "Source.MaxBitrate: 0 is not a bitrate"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'StreamId':'x'}"), "Source.StreamId: applies to srt-listener and srt-caller sources only"),
            c(S("{'Protocol':'srt-caller','SourceListenerPort':5000}"), "Source.SourceListenerAddress: is required for srt-caller"),
            c(S("{'Protocol':'srt-caller','SourceListenerAddress':'127.0.0.1'}"), "Source.SourceListenerPort: is required for srt-caller"),
            c(S("{'Protocol':'srt-caller','SourceListenerAddress':'127.0.0.1','SourceListenerPort':5000,'IngestPort':5000}"),
                    "Source.IngestPort: applies to listener sources (srt-caller dials"),
            c(S("{'Protocol':'srt-caller','SourceListenerAddress':'256.1.1.1','SourceListenerPort':5000}"),
                    "Source.SourceListenerAddress: \"256.1.1.1\" is not a valid IPv4 address"),
            c(S("{'Protocol':'srt-caller','SourceListenerAddress':'bad host!','SourceListenerPort':5000}"),
                    "Source.SourceListenerAddress: \"bad host!\" is not an IP address or host name"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'SourceListenerPort':5000}"), "Source.SourceListenerPort: applies to srt-caller sources only"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'MaxSyncBuffer':100}"), "Source.MaxSyncBuffer: applies to cdi and st2110-jpegxs sources only"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'SenderIpAddress':'127.0.0.1'}"), "Source.SenderIpAddress: applies to fujitsu-qos sources only"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'Protcol':'rtp'}"), "Source.Protcol: unknown member (did you mean \"Protocol\"?)"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'SourceArn':'x'}"), "Source.SourceArn: SourceArn is a member of MediaConnect's response"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'Name':'a b'}"), "Source.Name: \"a b\" has characters other than"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'VpcInterfaceName':'vpc-a'}"), "Source.VpcInterfaceName: \"vpc-a\" is not a VPC interface declared in VpcInterfaces"),
            c(S("{'EntitlementArn':'arn:aws:mediaconnect:us-east-1:111122223333:entitlement:1-a:e','Protocol':'rtp'}"),
                    "Source.Protocol: applies to sources without EntitlementArn"),
            c(S("{'EntitlementArn':'arn:aws:mediaconnect:us-east-1:111122223333:flow:1-a:e'}"), "Source.EntitlementArn: \"arn:aws:mediaconnect:us-east-1:111122223333:flow:1-a:e\" is not an entitlement ARN"),
            // source decryption
            c(S("{'Protocol':'srt-listener','IngestPort':5000,'Decryption':{'KeyType':'srt-password'," + ROLE + "}}"),
                    "Source.Decryption.SecretArn: is required (the secret that holds the SRT passphrase"),
            c(S("{'Protocol':'srt-listener','IngestPort':5000,'Decryption':{'KeyType':'srt-password'," + SECRET + "}}"),
                    "Source.Decryption.RoleArn: is required (MediaConnect requires it"),
            c(S("{'Protocol':'srt-listener','IngestPort':5000,'Decryption':{" + ROLE + "," + SECRET + ",'Algorithm':'aes128'}}"),
                    "Source.Decryption.KeyType: defaults to \"static-key\", which does not apply to srt-listener (expected \"srt-password\")"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'Decryption':{'KeyType':'srt-password'," + ROLE + "," + SECRET + "}}"),
                    "Source.Decryption.KeyType: \"srt-password\" applies to srt-listener and srt-caller only (for rtp use \"static-key\")"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'Decryption':{'KeyType':'static-key'," + ROLE + "," + SECRET + "}}"),
                    "Source.Decryption.Algorithm: is required with static-key"),
            c(S("{'Protocol':'rist','IngestPort':5000,'Decryption':{'Algorithm':'aes192'," + ROLE + "," + SECRET + "}}"),
                    "Source.Decryption.Algorithm: \"aes192\" is not a RIST key size"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'Decryption':{'KeyType':'speke','Algorithm':'aes128'," + ROLE + "}}"),
                    "Source.Decryption.KeyType: \"speke\" needs a SPEKE key server"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'Decryption':{'Algorithm':'aes128','DeviceId':'d'," + ROLE + "," + SECRET + "}}"),
                    "Source.Decryption.DeviceId: applies to speke only (not to static-key)"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'Decryption':{'Algorithm':'aes512'," + ROLE + "," + SECRET + "}}"),
                    "Source.Decryption.Algorithm: \"aes512\" is not a valid Algorithm (expected one of \"aes128\", \"aes192\", \"aes256\")"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'Decryption':{'Algorithm':'aes128'," + ROLE + ",'SecretArn':'my-secret'}}"),
                    "Source.Decryption.SecretArn: \"my-secret\" is not a secret ARN"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'Decryption':{'Algorithm':'aes128','RoleArn':'sluice'," + SECRET + "}}"),
                    "Source.Decryption.RoleArn: \"sluice\" is not an IAM role ARN"),
            c(S("{'Protocol':'udp','IngestPort':5000,'Decryption':{'Algorithm':'aes128'," + ROLE + "," + SECRET + "}}"),
                    "Source.Decryption.KeyType: udp carries plain MPEG-TS and cannot be encrypted"),
            // source extensions
            c(S("{'Protocol':'rist','IngestPort':5000,'SluiceExtensions':{'RistProfile':'simple'},'Decryption':{'Algorithm':'aes128'," + ROLE + "," + SECRET + "}}"),
                    "Source.SluiceExtensions.RistProfile: \"simple\" has no encryption (VSF TR-06-1)"),
            c(S("{'Protocol':'rist','IngestPort':5000,'SluiceExtensions':{'SrpUsername':'u'}}"), "Source.SluiceExtensions.SrpPasswordSecretArn: is required with SrpUsername"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'SluiceExtensions':{'RistProfile':'main'}}"), "Source.SluiceExtensions.RistProfile: applies to rist sources only"),
            c(S("{'Protocol':'rtp-fec','IngestPort':5000,'SluiceExtensions':{'FecColumns':10}}"), "Source.SluiceExtensions.FecColumns: applies to rtp-fec outputs (an rtp-fec source reads L and D"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'SluiceExtensions':{'BindAddress':'localhost'}}"), "Source.SluiceExtensions.BindAddress: \"localhost\" is not an IPv4 or IPv6 address"),
            c(S("{'Protocol':'rtp','IngestPort':5000,'SluiceExtensions':{'BindAdress':'127.0.0.1'}}"), "Source.SluiceExtensions.BindAdress: unknown member (did you mean \"BindAddress\"?)"),
            // two sources
            c("{'Name':'f','Sources':[{'Name':'a','Protocol':'rtp','IngestPort':5000},{'Name':'b','Protocol':'rtp','IngestPort':5010}]}",
                    "SourceFailoverConfig.State: must be \"ENABLED\" for a flow with two sources"),
            c("{'Name':'f','Sources':[{'Name':'a','Protocol':'rtp','IngestPort':5000},{'Name':'a','Protocol':'rtp','IngestPort':5010}],'SourceFailoverConfig':{'State':'ENABLED'}}",
                    "Sources[1].Name: \"a\" is already the name of Sources[0]"),
            c("{'Name':'f','Sources':[{'Name':'a','Protocol':'rtp','IngestPort':5000},{'Name':'b','Protocol':'srt-listener','IngestPort':5010}],'SourceFailoverConfig':{'State':'ENABLED'}}",
                    "Sources[1].Protocol: \"srt-listener\" differs from the first source's \"rtp\""),
            c("{'Name':'f','Sources':[{'Name':'a','Protocol':'srt-listener','IngestPort':5000},{'Name':'b','Protocol':'srt-listener','IngestPort':5010}],'SourceFailoverConfig':{'State':'ENABLED','FailoverMode':'MERGE'}}",
                    "Sources[0].Protocol: \"srt-listener\" cannot be merged: MERGE (SMPTE 2022-7) needs RTP sequence numbers"),
            c("{'Name':'f','Sources':[{'Name':'a','Protocol':'rtp-fec','IngestPort':5000},{'Name':'b','Protocol':'rtp','IngestPort':5002}],'SourceFailoverConfig':{'State':'ENABLED'}}",
                    "Sources[1].IngestPort: 5002 needs local port 5002, already taken by Sources[0].IngestPort"),
            c("{'Name':'f','Sources':[{'Name':'a','Protocol':'rtp','IngestPort':5000},{'Name':'b','Protocol':'rtp','IngestPort':5010}],'SourceFailoverConfig':{'State':'ENABLED','FailoverMode':'MERGE','RecoveryWindow':50}}",
                    "SourceFailoverConfig.RecoveryWindow: 50 is out of range 100-15000"),
            c("{'Name':'f','Sources':[{'Name':'a','Protocol':'rtp','IngestPort':5000},{'Name':'b','Protocol':'rtp','IngestPort':5010}],'SourceFailoverConfig':{'State':'ENABLED','FailoverMode':'FAILOVER','RecoveryWindow':200}}",
                    "SourceFailoverConfig.RecoveryWindow: applies to FailoverMode \"MERGE\" only"),
            c("{'Name':'f','Sources':[{'Name':'a','Protocol':'rtp','IngestPort':5000},{'Name':'b','Protocol':'rtp','IngestPort':5010}],'SourceFailoverConfig':{'State':'ENABLED','SourcePriority':{'PrimarySource':'c'}}}",
                    "SourceFailoverConfig.SourcePriority.PrimarySource: \"c\" is not the name of a source of this flow"),
            c("{'Name':'f','Sources':[{'Name':'a','Protocol':'rtp','IngestPort':5000},{'Name':'b','Protocol':'rtp','IngestPort':5010}],'SourceFailoverConfig':{'State':'ENABLED','FailoverMode':'MERGE','SourcePriority':{'PrimarySource':'a'}}}",
                    "SourceFailoverConfig.SourcePriority: applies to FailoverMode \"FAILOVER\" only"),
            c("{'Name':'f','Sources':[{'Name':'a','Protocol':'rtp','IngestPort':5000},{'Name':'b','Protocol':'rtp','IngestPort':5010}],'SourceFailoverConfig':{'State':'ON'}}",
                    "SourceFailoverConfig.State: \"ON\" is not a valid State (expected one of \"ENABLED\", \"DISABLED\")"),
            c("{'Name':'f','Sources':[{'Name':'a','EntitlementArn':'arn:aws:mediaconnect:us-east-1:111122223333:entitlement:1-a:e'},{'Name':'b','Protocol':'rtp','IngestPort':5010}],'SourceFailoverConfig':{'State':'ENABLED'}}",
                    "Sources: failover is not supported with an entitled source"),
            // outputs
            c(O("{'Destination':'127.0.0.1','Port':6000}"), "Outputs[0].Protocol: is required"),
            c(O("{'Protocol':'zixi-pull','Port':2077}"), "Outputs[0].Protocol: zixi-pull is Zixi's proprietary protocol, which Sluice cannot carry; use srt-listener"),
            c(O("{'Protocol':'zixi-push','Destination':'127.0.0.1','Port':6000}"), "Outputs[0].Protocol: zixi-push is Zixi's proprietary protocol, which Sluice cannot carry; use srt-caller or rist"),
            c(O("{'Protocol':'rtp','Port':6000}"), "Outputs[0].Destination: is required for rtp outputs"),
            c(O("{'Protocol':'rtp-fec','Destination':'127.0.0.1'}"), "Outputs[0].Port: is required for rtp-fec outputs"),
            c(O("{'Protocol':'rist','Destination':'127.0.0.1','Port':6001}"), "Outputs[0].Port: 6001 is odd (rist needs an even port"),
            c(O("{'Protocol':'rtp','Destination':'127.0.0.1','Port':0}"), "Outputs[0].Port: 0 is out of range 1024-65535"),
            c(O("{'Protocol':'srt-listener'}"), "Outputs[0].Port: is required for srt-listener outputs"),
            c(O("{'Protocol':'srt-listener','Port':6000,'Destination':'127.0.0.1'}"), "Outputs[0].Destination: applies to push outputs"),
            c(O("{'Protocol':'srt-listener','Port':5000}"), "Outputs[0].Port: 5000 needs local port 5000, already taken by Source.IngestPort"),
            c(O("{'Protocol':'srt-listener','Port':6000,'CidrAllowList':['127.0.0.0/8','10.0.0.0/33']}"), "Outputs[0].CidrAllowList[1]: \"10.0.0.0/33\" has prefix 33 (expected 0-32 for IPv4)"),
            c(O("{'Protocol':'rtp','Destination':'127.0.0.1','Port':6000,'CidrAllowList':['127.0.0.0/8']}"), "Outputs[0].CidrAllowList: applies to listener outputs (srt-listener) only"),
            c(O("{'Protocol':'rtp','Destination':'127.0.0.1','Port':6000,'SmoothingLatency':-1}"), "Outputs[0].SmoothingLatency: -1 is out of range 0-15000"),
            c(O("{'Protocol':'srt-caller','Destination':'127.0.0.1','Port':6000,'SmoothingLatency':100}"), "Outputs[0].SmoothingLatency: applies to rtp, rtp-fec, rist and udp outputs only"),
            c(O("{'Protocol':'srt-caller','Destination':'127.0.0.1','Port':6000,'MinLatency':20000}"), "Outputs[0].MinLatency: 20000 is out of range 100-15000"),
            c(O("{'Protocol':'rtp','Destination':'127.0.0.1','Port':6000,'MaxLatency':100}"), "Outputs[0].MaxLatency: applies to rist outputs only"),
            c(O("{'Protocol':'rtp','Destination':'127.0.0.1','Port':6000,'RemoteId':'r'}"), "Outputs[0].RemoteId: applies to zixi-pull outputs only"),
            c(O("{'Protocol':'srt-caller','Destination':'127.0.0.1','Port':2088}"), "Outputs[0].Port: 2088 is reserved for Zixi"),
            c(O("{'Protocol':'rtp','Destination':'127.0.0.1','Port':6000,'Encryption':{'KeyType':'srt-password'," + ROLE + "," + SECRET + "}}"),
                    "Outputs[0].Encryption.KeyType: \"srt-password\" applies to srt-listener and srt-caller only (for rtp use \"static-key\")"),
            c(O("{'Protocol':'srt-caller','Destination':'127.0.0.1','Port':6000,'Encryption':{'KeyType':'srt-password'," + ROLE + ",'Url':'https://x'," + SECRET + "}}"),
                    "Outputs[0].Encryption.Url: applies to speke only (not to srt-password)"),
            c(O("{'Protocol':'rtp-fec','Destination':'127.0.0.1','Port':6000,'SluiceExtensions':{'FecColumns':20,'FecRows':20}}"),
                    "Outputs[0].SluiceExtensions.FecColumns: FecColumns x FecRows = 20 x 20 = 400 is more than 100 packets"),
            c(O("{'Protocol':'rtp-fec','Destination':'127.0.0.1','Port':6000,'SluiceExtensions':{'FecRows':2}}"),
                    "Outputs[0].SluiceExtensions.FecRows: 2 is out of range 4-20"),
            c(O("{'Protocol':'rtp-fec','Destination':'127.0.0.1','Port':6000,'SluiceExtensions':{'FecMode':'row'}}"),
                    "Outputs[0].SluiceExtensions.FecMode: \"row\" is not a valid FecMode"),
            c(O("{'Protocol':'rtp','Destination':'127.0.0.1','Port':6000,'SluiceExtensions':{'FecRows':4}}"),
                    "Outputs[0].SluiceExtensions.FecRows: applies to rtp-fec outputs only"),
            c(O("{'Protocol':'rtp','Destination':'127.0.0.1','Port':6000,'VpcInterfaceAttachment':{'VpcInterfaceName':'eni'}}"),
                    "Outputs[0].VpcInterfaceAttachment.VpcInterfaceName: \"eni\" is not a VPC interface declared in VpcInterfaces"),
            c(O("{'Protocol':'rtp','Destination':'127.0.0.1','Port':6000,'OutputArn':'x'}"), "Outputs[0].OutputArn: OutputArn is a member of MediaConnect's response"),
            c(O("{'Protocol':'rtp','Destination':'127.0.0.1','Port':6000,'Destnation':'x'}"), "Outputs[0].Destnation: unknown member (did you mean \"Destination\"?)"),
            c(O("{'Protocol':'rtp','Destination':'127.0.0.1','Port':6000,'OutputStatus':'OFF'}"), "Outputs[0].OutputStatus: \"OFF\" is not a valid OutputStatus"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'Outputs':[{'Name':'o','Protocol':'rtp','Destination':'127.0.0.1','Port':6000},{'Name':'o','Protocol':'rtp','Destination':'127.0.0.1','Port':6010}]}",
                    "Outputs[1].Name: \"o\" is already the name of Outputs[0]"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'Outputs':[{'Protocol':'rtp-fec','Destination':'127.0.0.1','Port':6000},{'Protocol':'rtp','Destination':'127.0.0.1','Port':6004}]}",
                    "Outputs[1].Port: 6004 overlaps Outputs[0], which also sends to 127.0.0.1 port 6004"),
            c(O("{'Protocol':'rtp','Destination':'127.0.0.1','Port':5000}"),
                    "Outputs[0].Port: 5000 sends to 127.0.0.1 port 5000, where Source.IngestPort listens: the flow would receive its own output (a loop)"),
            c(S("{'Protocol':'zixi-pull'}"), "Source.Protocol: zixi-pull is an output protocol"),
            // entitlements
            c("{'Name':'f','Source':" + RTP_SRC + ",'Entitlements':[{'Name':'e'}]}", "Entitlements[0].Subscribers: is required"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'Entitlements':[{'Subscribers':['1111-2222-3333']}]}", "Entitlements[0].Subscribers[0]: \"1111-2222-3333\" is not an AWS account ID"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'Entitlements':[{'Subscribers':['111122223333'],'DataTransferSubscriberFeePercent':101}]}",
                    "Entitlements[0].DataTransferSubscriberFeePercent: 101 is out of range 0-100"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'Entitlements':[{'Subscribers':['111122223333'],'Encryption':{'KeyType':'speke','Algorithm':'aes128'," + ROLE + "}}]}",
                    "Entitlements[0].Encryption.KeyType: \"speke\" needs a SPEKE key server"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'Entitlements':[{'Subscribers':['111122223333'],'EntitlementStatus':'enabled'}]}",
                    "Entitlements[0].EntitlementStatus: \"enabled\" is not a valid EntitlementStatus"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'Entitlements':[{'Name':'e','Subscribers':['111122223333']},{'Name':'e','Subscribers':['111122223333']}]}",
                    "Entitlements[1].Name: \"e\" is already the name of Entitlements[0]"),
            // media streams, VPC interfaces, maintenance
            c("{'Name':'f','Source':" + RTP_SRC + ",'MediaStreams':[{'MediaStreamName':'v','MediaStreamType':'video'}]}", "MediaStreams[0].MediaStreamId: is required"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'MediaStreams':[{'MediaStreamId':1,'MediaStreamName':'v','MediaStreamType':'video','ClockRate':44100}]}",
                    "MediaStreams[0].ClockRate: 44100 is not a media clock rate"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'MediaStreams':[{'MediaStreamId':1,'MediaStreamName':'v','MediaStreamType':'video'},{'MediaStreamId':1,'MediaStreamName':'w','MediaStreamType':'audio'}]}",
                    "MediaStreams[1].MediaStreamId: 1 is already the ID of MediaStreams[0]"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'MediaStreams':[{'MediaStreamId':1,'MediaStreamName':'v','MediaStreamType':'video','Attributes':{'Fmtp':{'Colorimetry':'BT2200'}}}]}",
                    "MediaStreams[0].Attributes.Fmtp.Colorimetry: \"BT2200\" is not a valid Colorimetry"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'VpcInterfaces':[{'Name':'v','SubnetId':'s','SecurityGroupIds':['sg']}]}", "VpcInterfaces[0].RoleArn: is required"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'VpcInterfaces':[{'Name':'v'," + ROLE + ",'SubnetId':'s'}]}", "VpcInterfaces[0].SecurityGroupIds: is required"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'VpcInterfaces':[{'Name':'v'," + ROLE + ",'SubnetId':'s','SecurityGroupIds':['sg'],'NetworkInterfaceType':'efa'},"
                    + "{'Name':'w'," + ROLE + ",'SubnetId':'s','SecurityGroupIds':['sg'],'NetworkInterfaceType':'efa'}]}",
                    "VpcInterfaces[1].NetworkInterfaceType: a flow has at most one efa interface"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'Maintenance':{'MaintenanceDay':'monday','MaintenanceStartHour':'02:00'}}",
                    "Maintenance.MaintenanceDay: \"monday\" is not a valid MaintenanceDay (expected one of \"Monday\""),
            c("{'Name':'f','Source':" + RTP_SRC + ",'Maintenance':{'MaintenanceDay':'Monday','MaintenanceStartHour':'02:30'}}",
                    "Maintenance.MaintenanceStartHour: \"02:30\" is not a start hour (expected HH:00 in UTC"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'Maintenance':{'MaintenanceDay':'Monday'}}", "Maintenance.MaintenanceStartHour: is required"),
            c("{'Name':'f','Source':" + RTP_SRC + ",'Maintenance':{'MaintenanceDay':'Monday','MaintenanceStartHour':'02:00','MaintenanceDeadline':'x'}}",
                    "Maintenance.MaintenanceDeadline: MaintenanceDeadline is a member of MediaConnect's response")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsWithTheExpectedPathAndMessage(Case invalid) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> FlowConfigs.read(invalid.json()));

        assertThat(e).as("document must be refused: %s", invalid.json()).isNotNull();
        assertThat(e.errors()).extracting(ConfigError::toString)
                .as("errors of %s", invalid.json())
                .anySatisfy(error -> assertThat(error).startsWith(invalid.expected()));
    }

    @Test
    void theTableHasAtLeastSixtyDocuments() {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(cases()).extracting(Case::expected).doesNotHaveDuplicates();
    }

    @Test
    void collectsEveryErrorOfADocumentAtOnce() {
        String json = O("{'Protocol':'rist','Destination':'127.0.0.1','Port':6001,'SmoothingLatency':-5,'Colour':'red'}")
                .replace("'Name':'f'", "'Name':'bad name'").replace('\'', '"');
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> FlowConfigs.read(json));

        assertThat(e.errors()).extracting(ConfigError::path)
                .containsExactlyInAnyOrder("Name", "Outputs[0].Port", "Outputs[0].SmoothingLatency", "Outputs[0].Colour");
    }
}
