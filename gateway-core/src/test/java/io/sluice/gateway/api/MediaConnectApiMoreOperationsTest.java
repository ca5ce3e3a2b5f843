package io.sluice.gateway.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.mediaconnect.MediaConnectClient;
import software.amazon.awssdk.services.mediaconnect.model.AddMediaStreamRequest;
import software.amazon.awssdk.services.mediaconnect.model.BadRequestException;
import software.amazon.awssdk.services.mediaconnect.model.ConflictException;
import software.amazon.awssdk.services.mediaconnect.model.FailoverMode;
import software.amazon.awssdk.services.mediaconnect.model.Flow;
import software.amazon.awssdk.services.mediaconnect.model.MaintenanceDay;
import software.amazon.awssdk.services.mediaconnect.model.MediaStreamType;
import software.amazon.awssdk.services.mediaconnect.model.NotFoundException;
import software.amazon.awssdk.services.mediaconnect.model.Protocol;
import software.amazon.awssdk.services.mediaconnect.model.SetSourceRequest;
import software.amazon.awssdk.services.mediaconnect.model.State;
import software.amazon.awssdk.services.mediaconnect.model.VpcInterfaceRequest;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The source, failover, maintenance, media-stream, VPC-interface and metadata operations, through the SDK. */
class MediaConnectApiMoreOperationsTest {
    @TempDir
    Path dataDir;
    private final RecordingEngine engine = new RecordingEngine();
    private ApiHarness api;
    private MediaConnectClient client;

    @BeforeEach
    void start() {
        api = new ApiHarness(dataDir, engine, null);
        client = api.client();
    }

    @AfterEach
    void stop() {
        client.close();
        api.close();
    }

    private Flow flow() {
        return client.createFlow(b -> b.name("Main")
                .source(SetSourceRequest.builder().name("primary").protocol(Protocol.RTP).ingestPort(5000).build())).flow();
    }

    @Test
    void addsUpdatesAndRemovesASecondSourceWithFailover() {
        String arn = flow().flowArn();
        SetSourceRequest backup = SetSourceRequest.builder().name("backup").protocol(Protocol.RTP).ingestPort(5010).build();
        assertThatThrownBy(() -> client.addFlowSources(b -> b.flowArn(arn).sources(backup)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("must be \"ENABLED\" for a flow with two sources");

        Flow updated = client.updateFlow(b -> b.flowArn(arn).sourceFailoverConfig(f -> f.state(State.ENABLED)
                .failoverMode(FailoverMode.MERGE).recoveryWindow(200))
                .maintenance(m -> m.maintenanceDay(MaintenanceDay.SUNDAY).maintenanceStartHour("03:00"))).flow();
        assertThat(updated.sourceFailoverConfig().failoverMode()).isEqualTo(FailoverMode.MERGE);
        assertThat(updated.maintenance().maintenanceDay()).isEqualTo(MaintenanceDay.SUNDAY);

        var added = client.addFlowSources(b -> b.flowArn(arn).sources(backup));
        String backupArn = added.sources().get(0).sourceArn();
        assertThat(added.sources().get(0).transport().protocol()).isEqualTo(Protocol.RTP);

        var changed = client.updateFlowSource(b -> b.flowArn(arn).sourceArn(backupArn).ingestPort(5020).whitelistCidr("127.0.0.0/24"));
        assertThat(changed.source().ingestPort()).isEqualTo(5020);
        assertThat(changed.source().whitelistCidr()).isEqualTo("127.0.0.0/24");

        assertThat(client.removeFlowSource(b -> b.flowArn(arn).sourceArn(backupArn)).sourceArn()).isEqualTo(backupArn);
        String primaryArn = client.describeFlow(b -> b.flowArn(arn)).flow().source().sourceArn();
        assertThatThrownBy(() -> client.removeFlowSource(b -> b.flowArn(arn).sourceArn(primaryArn)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("at least one source");
        assertThatThrownBy(() -> client.updateFlowSource(b -> b.flowArn(arn).sourceArn(backupArn).ingestPort(5030)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void storesMediaStreamsAndVpcInterfacesWithTheirStateRules() {
        String arn = flow().flowArn();
        var streams = client.addFlowMediaStreams(b -> b.flowArn(arn).mediaStreams(AddMediaStreamRequest.builder()
                .mediaStreamName("video").mediaStreamId(1).mediaStreamType(MediaStreamType.VIDEO).clockRate(90000).build()));
        assertThat(streams.mediaStreams().get(0).fmt()).isEqualTo(97);
        var changed = client.updateFlowMediaStream(b -> b.flowArn(arn).mediaStreamName("video").videoFormat("1080p"));
        assertThat(changed.mediaStream().videoFormat()).isEqualTo("1080p");
        assertThat(changed.mediaStream().clockRate()).isEqualTo(90000);

        var vpc = client.addFlowVpcInterfaces(b -> b.flowArn(arn).vpcInterfaces(VpcInterfaceRequest.builder().name("vpc1")
                .roleArn("arn:aws:iam::111122223333:role/x").securityGroupIds("sg-1").subnetId("subnet-1").build()));
        assertThat(vpc.vpcInterfaces().get(0).networkInterfaceTypeAsString()).isEqualTo("ena");

        client.startFlow(b -> b.flowArn(arn));
        assertThatThrownBy(() -> client.removeFlowMediaStream(b -> b.flowArn(arn).mediaStreamName("video")))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> client.removeFlowVpcInterface(b -> b.flowArn(arn).vpcInterfaceName("vpc1")))
                .isInstanceOf(ConflictException.class);
        client.stopFlow(b -> b.flowArn(arn));

        assertThat(client.removeFlowMediaStream(b -> b.flowArn(arn).mediaStreamName("video")).mediaStreamName()).isEqualTo("video");
        assertThat(client.removeFlowVpcInterface(b -> b.flowArn(arn).vpcInterfaceName("vpc1")).nonDeletedNetworkInterfaceIds()).isEmpty();
        assertThatThrownBy(() -> client.removeFlowVpcInterface(b -> b.flowArn(arn).vpcInterfaceName("vpc1")))
                .isInstanceOf(NotFoundException.class);
        Flow after = client.describeFlow(b -> b.flowArn(arn)).flow();
        assertThat(after.mediaStreams()).isEmpty();
        assertThat(after.vpcInterfaces()).isEmpty();
    }

    @Test
    void describesSourceMetadataOfKnownFlowsOnly() {
        String arn = flow().flowArn();
        var metadata = client.describeFlowSourceMetadata(b -> b.flowArn(arn));
        assertThat(metadata.flowArn()).isEqualTo(arn);
        assertThat(metadata.timestamp()).isNotNull();
        assertThatThrownBy(() -> client.describeFlowSourceMetadata(b -> b.flowArn(arn.replace(":Main", ":Other"))))
                .isInstanceOf(NotFoundException.class);
    }
}
